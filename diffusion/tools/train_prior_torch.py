#!/usr/bin/env python3
"""Train the ddlm UNet prior with PyTorch on a GPU machine that has no Java.

The Java tool stays the reference: this script re-implements the same network (diffusion/.../net/UNet.java), the
same forward process (cosine schedule, T = 1000, lambda-linear fractional index, x = HU/1000, u uniform on
[0, u_max]) and the same patch sampling (128x128, >= 50 % body, one of the 8 square symmetries), with plain
epsilon-prediction (no STF). Weights travel as .npz archives with DJL parameter names:

    ./ddlm npz export-slices --data TRAIN_DIR --out train.npz      # on the Java machine
    ./ddlm npz export-slices --data VAL_DIR --out val.npz
    ./ddlm npz export-weights default --out init.npz                # the start weights and their probe
    python3 train_prior_torch.py --train train.npz --val val.npz --init init.npz --noise ct --minutes 8 --out ct.npz
    ./ddlm npz import-weights ct.npz --noise ct --out my-prior      # back on the Java machine

Before training, the script checks that its network reproduces the probe that Java computed with the start
weights; the archive it writes carries a probe computed by this network, which import-weights checks again.
"""
import argparse
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

BODY_HU = -500.0
FLOOR = 0.02  # NoiseTexture.FLOOR


# ---------------------------------------------------------------- network (mirrors UNet.java)
class GroupNorm(nn.Module):
    def __init__(self, channels, groups):
        super().__init__()
        self.groups = groups
        self.gamma = nn.Parameter(torch.ones(channels))
        self.beta = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        return F.group_norm(x, self.groups, self.gamma, self.beta, eps=1e-5)


class ResidualBlock(nn.Module):
    def __init__(self, cin, cout, groups, emb):
        super().__init__()
        self.norm1 = GroupNorm(cin, groups)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.time_shift = nn.Linear(emb, cout)
        self.norm2 = GroupNorm(cout, groups)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, t):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.time_shift(F.silu(t))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return (x if self.skip is None else self.skip(x)) + h


class UNet(nn.Module):
    """Parameters are registered in the order DJL lists them (UNet.java's addChildBlock order)."""

    def __init__(self, base=32, mults=(1, 2, 2), blocks=1, groups=8, patch=2):
        super().__init__()
        self.patch, self.levels, self.emb = patch, len(mults), 4 * base
        widths = [base * m for m in mults]
        emb = self.emb
        self.time_dense1 = nn.Linear(emb, emb)
        self.time_dense2 = nn.Linear(emb, emb)
        self.input_conv = nn.Conv2d(patch * patch, widths[0], 3, padding=1)
        self.encoder = nn.ModuleList()
        self.down = nn.ModuleList()
        ch = widths[0]
        for level, w in enumerate(widths):
            level_blocks = nn.ModuleList()
            for _ in range(blocks):
                level_blocks.append(ResidualBlock(ch, w, groups, emb))
                ch = w
            self.encoder.append(level_blocks)
            if level < len(widths) - 1:
                self.down.append(nn.Conv2d(ch, ch, 3, stride=2, padding=1))
        self.middle1 = ResidualBlock(ch, ch, groups, emb)
        self.middle2 = ResidualBlock(ch, ch, groups, emb)
        self.up = nn.ModuleList()
        self.decoder = nn.ModuleList()
        for level in reversed(range(len(widths))):
            w = widths[level]
            if level < len(widths) - 1:
                self.up.append(nn.Conv2d(ch, w, 3, padding=1))
                ch = w
            level_blocks = nn.ModuleList()
            for k in range(blocks):
                level_blocks.append(ResidualBlock(ch + w if k == 0 else w, w, groups, emb))
            ch = w
            self.decoder.append(level_blocks)
        self.output_norm = GroupNorm(ch, groups)
        self.output_conv = nn.Conv2d(ch, patch * patch, 3, padding=1)

    def djl_ordered_parameters(self):
        """Parameters in DJL's order: the down-sampling and up-sampling convs interleave with the levels."""
        mods = [self.time_dense1, self.time_dense2, self.input_conv]
        for level in range(self.levels):
            mods += list(self.encoder[level])
            if level < self.levels - 1:
                mods.append(self.down[level])
        mods += [self.middle1, self.middle2]
        for i, level in enumerate(reversed(range(self.levels))):
            if level < self.levels - 1:
                mods.append(self.up[i - 1])
            mods += list(self.decoder[i])
        mods += [self.output_norm, self.output_conv]
        out = []
        for m in mods:
            out += ordered(m)
        return out

    def forward(self, x, u):
        half = self.emb // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float64) / half).float().to(x.device)
        angles = u.float().reshape(-1, 1) * freqs.reshape(1, -1)
        t = torch.cat([torch.sin(angles), torch.cos(angles)], 1)
        t = self.time_dense2(F.silu(self.time_dense1(t)))
        h = self.input_conv(F.pixel_unshuffle(x, self.patch))
        skips = []
        for level in range(self.levels):
            for b in self.encoder[level]:
                h = b(h, t)
            skips.append(h)
            if level < self.levels - 1:
                h = self.down[level](h)
        h = self.middle2(self.middle1(h, t), t)
        for i, level in enumerate(reversed(range(self.levels))):
            if level < self.levels - 1:
                h = self.up[i - 1](F.interpolate(h, scale_factor=2, mode="nearest"))
            h = torch.cat([h, skips[level]], 1)
            for b in self.decoder[i]:
                h = b(h, t)
        h = self.output_conv(F.silu(self.output_norm(h)))
        return F.pixel_shuffle(h, self.patch)


def ordered(module):
    """A block's parameters in DJL's order: GroupNorm gamma, beta; conv/linear weight, bias; residual children in
    the order ResidualBlock.java adds them."""
    if isinstance(module, ResidualBlock):
        out = []
        for m in [module.norm1, module.conv1, module.time_shift, module.norm2, module.conv2, module.skip]:
            if m is not None:
                out += ordered(m)
        return out
    if isinstance(module, GroupNorm):
        return [module.gamma, module.beta]
    return [module.weight, module.bias]


def load_archive(model, path):
    archive = np.load(path)
    names = [k for k in archive.files if not k.startswith("probe_")]
    params = model.djl_ordered_parameters()
    if len(names) != len(params):
        raise SystemExit(f"{path}: {len(names)} arrays, this network has {len(params)} parameters")
    with torch.no_grad():
        for name, p in zip(names, params):
            a = torch.from_numpy(archive[name])
            if tuple(a.shape) != tuple(p.shape):
                raise SystemExit(f"{path}: {name} has shape {tuple(a.shape)}, network needs {tuple(p.shape)}")
            p.copy_(a)
    return names, archive


def probe(model, archive, device):
    """The network's output on the archive's probe input, in exact float32."""
    tf32 = torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
    try:
        with torch.no_grad():
            x = torch.from_numpy(archive["probe_x"]).to(device)
            u = torch.from_numpy(archive["probe_u"]).to(device)
            return model(x, u).float().cpu().numpy()
    finally:
        torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = tf32


def save_archive(model, names, init_archive, path, device):
    arrays = {n: p.detach().float().cpu().numpy() for n, p in zip(names, model.djl_ordered_parameters())}
    arrays["probe_x"] = init_archive["probe_x"]
    arrays["probe_u"] = init_archive["probe_u"]
    arrays["probe_out"] = probe(model, init_archive, device)
    np.savez(path, **arrays)


# ---------------------------------------------------------------- forward process (mirrors schedule/*.java)
def cosine_lambda_table(steps=1000, s=0.008):
    def f(tau):
        c = math.cos((tau / steps + s) / (1.0 + s) * math.pi / 2.0)
        return c * c

    lam, log_abar = [], 0.0
    for j in range(steps):
        beta = min(1.0 - f(j + 1) / f(j), 0.999)
        log_abar += math.log1p(-beta)
        lam.append(0.5 * log_abar - 0.5 * math.log(-math.expm1(log_abar)))
    return torch.tensor(lam, dtype=torch.float64)


def alpha_sigma(table, u):
    j = u.floor().long().clamp(max=len(table) - 2)
    w = u - j.double()
    lam = table[j] + w * (table[j + 1] - table[j])
    return torch.sigmoid(2 * lam).sqrt(), torch.sigmoid(-2 * lam).sqrt()


# ---------------------------------------------------------------- data (mirrors PatchSampler.java, NoiseTexture.java)
class Patches:
    def __init__(self, path, size, min_body, device):
        archive = np.load(path)
        shapes = {archive[k].shape for k in archive.files}
        if len(shapes) != 1:
            raise SystemExit(f"{path}: slices of several sizes {shapes}; this script wants one size")
        hu = np.stack([archive[k] for k in archive.files]).astype(np.float32)
        self.x = torch.from_numpy(hu / 1000.0).to(device)
        body = torch.from_numpy((hu > BODY_HU).astype(np.float32)).to(device)
        self.integral = F.pad(body.cumsum(1).cumsum(2), (1, 0, 1, 0))
        self.n, self.h, self.w = hu.shape
        self.size, self.needed, self.device = size, math.ceil(min_body * size * size), device
        self.offsets = torch.arange(size, device=device)

    def draw(self, batch, gen):
        s = self.size
        kept = []
        count = 0
        while count < batch:
            k = 4 * batch
            n = torch.randint(self.n, (k,), device=self.device, generator=gen)
            y = torch.randint(self.h - s + 1, (k,), device=self.device, generator=gen)
            x = torch.randint(self.w - s + 1, (k,), device=self.device, generator=gen)
            ii = self.integral
            body = ii[n, y + s, x + s] - ii[n, y, x + s] - ii[n, y + s, x] + ii[n, y, x]
            ok = body >= self.needed
            kept.append((n[ok], y[ok], x[ok]))
            count += int(ok.sum())
        n, y, x = (torch.cat(v)[:batch] for v in zip(*kept))
        rows = (y[:, None] + self.offsets)[:, :, None]
        cols = (x[:, None] + self.offsets)[:, None, :]
        p = self.x[n[:, None, None], rows, cols]
        sym = torch.randint(8, (batch,), device=self.device, generator=gen)
        p = torch.where((sym & 4).bool()[:, None, None], p.transpose(1, 2), p)
        p = torch.where((sym & 1).bool()[:, None, None], p.flip(1), p)
        p = torch.where((sym & 2).bool()[:, None, None], p.flip(2), p)
        return p[:, None]


def ct_noise(shape, cutoffs, gen, device):
    """White noise shaped to rho * Hann(rho / cutoff)^2 plus a 2 % floor, unit variance, one cutoff per image."""
    b, _, h, w = shape
    fy = torch.fft.fftfreq(h, device=device).abs()[:, None]
    fx = torch.fft.fftfreq(w, device=device).abs()[None, :]
    rho = torch.sqrt(fx * fx + fy * fy)[None]
    c = cutoffs[:, None, None]
    a = 0.5 * (1.0 + torch.cos(math.pi * rho / c))
    ramp = torch.where(rho < c, rho * a * a, torch.zeros_like(rho))
    s = ramp + FLOOR * ramp.amax(dim=(1, 2), keepdim=True)
    gain = torch.sqrt(s / s.mean(dim=(1, 2), keepdim=True))
    white = torch.randn(shape, device=device, generator=gen)
    return torch.fft.ifft2(torch.fft.fft2(white[:, 0]) * gain).real[:, None].float()


def training_noise(kind, shape, args, gen, device):
    white = torch.randn(shape, device=device, generator=gen)
    if kind == "white":
        return white
    b = shape[0]
    cut = args.cutoff_min + (args.cutoff_max - args.cutoff_min) * torch.rand(b, device=device, generator=gen)
    ct = ct_noise(shape, cut, gen, device)
    if kind == "ct":
        return ct
    use_white = (torch.rand(b, device=device, generator=gen) < args.white_fraction)[:, None, None, None]
    return torch.where(use_white, white, ct)


# ---------------------------------------------------------------- training
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", required=True)
    ap.add_argument("--val", required=True)
    ap.add_argument("--init", required=True, help="archive from 'ddlm npz export-weights' (start weights + probe)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--noise", choices=["white", "ct", "mix"], default="ct")
    ap.add_argument("--cutoff-min", type=float, default=0.3)
    ap.add_argument("--cutoff-max", type=float, default=0.75)
    ap.add_argument("--white-fraction", type=float, default=0.25, help="mix: share of white-noise patches")
    ap.add_argument("--minutes", type=float, default=8.0, help="training time budget")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--patch", type=int, default=128)
    ap.add_argument("--u-max", type=float, default=100.0)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--ema", type=float, default=0.9995)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scratch", action="store_true", help="random start instead of --init's weights")
    ap.add_argument("--base", type=int, default=32, help="base width of a --scratch network (import it with "
                    "'ddlm npz import-weights --base-width')")
    args = ap.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)
    model = UNet().to(device)
    names, init = load_archive(model, args.init)  # the start weights are the shipped width
    got = probe(model, init, device)
    want = init["probe_out"]
    diff = float(np.abs(got - want).max())
    print(f"probe: max |torch - java| = {diff:.3g} (outputs up to {np.abs(want).max():.3g})", flush=True)
    if not diff <= 1e-3 * max(float(np.abs(want).max()), 1e-6):
        raise SystemExit("probe mismatch: this network is not wired like UNet.java")
    if args.scratch:
        model = UNet(base=args.base).to(device)
    elif args.base != 32:
        raise SystemExit("--base needs --scratch: the start weights fix the width")
    ema = UNet(base=args.base).to(device)
    ema.load_state_dict(model.state_dict())
    for p in ema.parameters():
        p.requires_grad_(False)

    gen = torch.Generator(device=device).manual_seed(args.seed)
    train = Patches(args.train, args.patch, 0.5, device)
    val = Patches(args.val, args.patch, 0.5, device)
    table = cosine_lambda_table().to(device)
    vgen = torch.Generator(device=device).manual_seed(12345)
    val_x0 = val.draw(128, vgen)
    val_u = torch.linspace(0.0, args.u_max, 128, device=device, dtype=torch.float64)
    val_noise = {k: training_noise(k, val_x0.shape, args, vgen, device) for k in ("white", "ct")}

    def validate():
        a, s = alpha_sigma(table, val_u)
        a, s = a.float()[:, None, None, None], s.float()[:, None, None, None]
        out = {}
        with torch.no_grad():
            for k, eps in val_noise.items():
                pred = ema(a * val_x0 + s * eps, val_u.float())
                out[k] = float(F.mse_loss(pred.float(), eps))
        return out

    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    model = model.to(memory_format=torch.channels_last)
    budget = args.minutes * 60.0
    start = time.time()
    total = None
    step = 0
    print(f"start: noise {args.noise}, batch {args.batch}, val {validate()}", flush=True)
    while True:
        elapsed = time.time() - start
        if total is None and step == 50:
            total = max(100, int(budget / (elapsed / 50)))
            print(f"{elapsed / 50 * 1000:.1f} ms/step: planning {total} steps", flush=True)
        if total is not None and step >= total:
            break
        plan = total or 10 ** 9
        lr = args.lr * min(1.0, (step + 1) / args.warmup)
        if step >= args.warmup and total is not None:
            lr = 1e-6 + 0.5 * (args.lr - 1e-6) * (1 + math.cos(math.pi * (step - args.warmup) / max(1, plan - args.warmup)))
        for g in opt.param_groups:
            g["lr"] = lr
        x0 = train.draw(args.batch, gen)
        u = args.u_max * torch.rand(args.batch, device=device, generator=gen, dtype=torch.float64)
        a, s = alpha_sigma(table, u)
        eps = training_noise(args.noise, x0.shape, args, gen, device)
        xt = a.float()[:, None, None, None] * x0 + s.float()[:, None, None, None] * eps
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device.type == "cuda"):
            pred = model(xt.contiguous(memory_format=torch.channels_last), u.float())
        loss = F.mse_loss(pred.float(), eps)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        decay = min(args.ema, (1 + step) / (10 + step))
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.lerp_(pm.detach(), 1 - decay)
        step += 1
        if step % 1000 == 0 or (total is not None and step == total):
            print(f"step {step}/{total} {time.time() - start:.0f}s loss {loss.item():.4f} lr {lr:.2e} "
                  f"val(ema) {validate()}", flush=True)
    save_archive(ema, names, init, args.out, device)
    print(f"saved {args.out} after {step} steps, {time.time() - start:.0f}s", flush=True)


if __name__ == "__main__":
    main()
