#!/usr/bin/python3
"""Makes the tiny TorchScript test model used by TorchScriptNetworkTest, and its expected outputs.

Run with Debian's python3-torch (torch 1.13), from the repository root:
    /usr/bin/python3 diffusion/tools/make_tiny_torchscript.py diffusion/src/test/resources/torchscript

Writes, into the given folder:
  tiny_eps.pt        a scripted network (x [B,1,H,W], u [B]) -> [B,1,H,W], a few KB
  tiny_eps.json      its sidecar: prediction, schedule, intensity mapping, size multiple
  tiny_eps_expected.json  the fixed inputs' recipe and the outputs torch computed for them
and prints the outputs. The Java test rebuilds the same inputs from the recipe, runs the model
through DJL's PyTorch engine and compares with the printed numbers.
"""
import json
import math
import os
import sys

import torch
from torch import nn


class TinyEps(nn.Module):
    """conv -> add a per-channel shift from sinusoidal features of u -> SiLU -> conv."""

    def __init__(self, channels: int = 4, features: int = 8):
        super().__init__()
        self.features = features
        self.conv_in = nn.Conv2d(1, channels, 3, padding=1)
        self.time = nn.Linear(features, channels)
        self.conv_out = nn.Conv2d(channels, 1, 3, padding=1)

    def forward(self, x: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
        half = self.features // 2
        k = torch.arange(half, dtype=torch.float32, device=u.device)
        freqs = torch.exp(-math.log(10000.0) * k / half)
        angles = u.float()[:, None] * freqs[None, :]
        emb = torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)
        h = self.conv_in(x) + self.time(emb)[:, :, None, None]
        return self.conv_out(torch.nn.functional.silu(h))


def fixed_inputs():
    """x[b,0,i,j] = 0.5 sin(0.3 i + 0.7 j + b) on 2x1x8x8, u = [0, 11.85]; rebuilt in Java."""
    b, h, w = 2, 8, 8
    x = torch.zeros(b, 1, h, w, dtype=torch.float32)
    for n in range(b):
        for i in range(h):
            for j in range(w):
                x[n, 0, i, j] = 0.5 * math.sin(0.3 * i + 0.7 * j + n)
    u = torch.tensor([0.0, 11.85], dtype=torch.float32)
    return x, u


def main(out_dir: str) -> None:
    torch.manual_seed(1234)
    model = TinyEps().eval()
    scripted = torch.jit.script(model)
    os.makedirs(out_dir, exist_ok=True)
    scripted.save(os.path.join(out_dir, "tiny_eps.pt"))

    x, u = fixed_inputs()
    with torch.no_grad():
        y = scripted(x, u)
    values = [float(v) for v in y.flatten().tolist()]
    print("torch", torch.__version__, "output shape", list(y.shape))
    print(" ".join("%.8e" % v for v in values))

    sidecar = {
        "format": "torchscript",
        "weights": "tiny_eps.pt",
        "prediction": "eps",
        "time_input": "fractional-index",
        "schedule": {"name": "cosine", "timesteps": 1000, "interpolation": "lambda-linear",
                     "parameters": {"s": 0.008}},
        "intensity": {"offset": 0.0, "scale": 1000.0},
        "size_multiple": 1,
    }
    with open(os.path.join(out_dir, "tiny_eps.json"), "w") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    expected = {
        "made_by": "diffusion/tools/make_tiny_torchscript.py, torch " + torch.__version__,
        "x": "x[b,0,i,j] = 0.5*sin(0.3*i + 0.7*j + b), float32",
        "shape": list(x.shape),
        "u": [float(v) for v in u.tolist()],
        "output": values,
    }
    with open(os.path.join(out_dir, "tiny_eps_expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "diffusion/src/test/resources/torchscript")
