#!/usr/bin/python3
"""Writes the scikit-image truth for the validation metrics (metrics.md sections 3-6).

Run with Debian's interpreter, which has python3-skimage 0.19.3:
    /usr/bin/python3 validation/tools/make_skimage_vectors.py [OUT_DIR]
OUT_DIR defaults to validation/src/test/resources/skimage. The JUnit tests read its output; they never run this.

Images are stored as little-endian float32, row-major (<case>_a.f32, <case>_b.f32). Every value is made float32-exact
first and then converted to float64 before any computation, so the stored numbers are exactly what skimage saw.
(float32 rather than the f64 of metrics.md section 6 keeps the committed vectors under 200 KB.)
"""
import hashlib
import json
import os
import sys

import numpy as np
import scipy
import scipy.ndimage as ndi
import skimage
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', 'src', 'test', 'resources', 'skimage')
SLICE = os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'ct', 'abdomen-ge-lightspeed16', '1-20.dcm')

# name: (W, L); lo = L - W/2, hi = L + W/2 (metrics.md section 2)
WINDOWS = {'abdomen': (400.0, 50.0), 'wide': (2000.0, 0.0), 'chest': (1500.0, -600.0), 'full': (4095.0, 1023.5)}

rng = np.random.default_rng(20261127)


def f32(x):
    """Round to float32 and back, so the stored file holds exactly the values used."""
    return np.asarray(x, dtype=np.float32).astype(np.float64)


def read_real_slice():
    """HU of one abdomen slice (CC BY 4.0, TCIA Colorectal-Liver-Metastases), read without a DICOM library.

    The file is Explicit VR Little Endian, 512x512, signed 16-bit, RescaleIntercept -1024, slope 1, and Pixel Data
    (7FE0,0010) is its last element: a 12-byte OW header at byte 3180, then 524288 bytes of pixels.
    """
    raw = open(SLICE, 'rb').read()
    offset = len(raw) - 512 * 512 * 2
    assert offset == 3192, offset
    assert raw[offset - 12:offset] == bytes.fromhex('e07f10004f57000000000800'), 'Pixel Data header not found'
    stored = np.frombuffer(raw[offset:], dtype='<i2').reshape(512, 512)
    return stored.astype(np.float64) - 1024.0, hashlib.sha256(raw).hexdigest()


def body_mask(ref):
    """metrics.md section 5: HU > -500, largest 8-connected component, holes (4-connected background) filled."""
    labels, n = ndi.label(ref > -500.0, structure=np.ones((3, 3)))
    if n == 0:
        return np.zeros(ref.shape, dtype=bool)
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    largest = labels == np.argmax(sizes)
    # binary_fill_holes' default structure is the 4-connected cross, so background connectivity is 4.
    return ndi.binary_fill_holes(largest)


def metrics(a, b, W, L, mask=None):
    lo, hi = L - W / 2.0, L + W / 2.0
    # Clip both, then shift by -lo so values lie in [0, W] (metrics.md section 2, decision "SSIM offset").
    ca = np.clip(a, lo, hi) - lo
    cb = np.clip(b, lo, hi) - lo
    mse = float(np.mean((ca - cb) ** 2))
    with np.errstate(divide='ignore'):
        psnr = float(peak_signal_noise_ratio(cb, ca, data_range=W))  # image_true = reference (b)
    ssim, smap = structural_similarity(ca, cb, data_range=W, gaussian_weights=True, sigma=1.5,
                                       use_sample_covariance=False, full=True)
    out = {
        'window': {'W': W, 'L': L, 'lo': lo, 'hi': hi},
        'mse': mse,
        'psnr': None if np.isinf(psnr) else psnr,
        'identical': bool(np.isinf(psnr)),
        'ssim': float(ssim),
        'rmse_clipped': float(np.sqrt(mse)),
        'rmse': float(np.sqrt(np.mean((a - b) ** 2))),
        'mae': float(np.mean(np.abs(a - b))),
    }
    if mask is not None:
        pad = 5  # (11 - 1) / 2: skimage crops this many pixels from every edge before taking the mean
        inner = np.zeros(mask.shape, dtype=bool)
        inner[pad:-pad, pad:-pad] = True
        mse_m = float(np.mean((ca[mask] - cb[mask]) ** 2))
        out.update({
            'mask_fraction': float(mask.mean()),
            'mse_masked': mse_m,
            'psnr_masked': float(10.0 * np.log10(W * W / mse_m)),
            'rmse_masked': float(np.sqrt(np.mean((a[mask] - b[mask]) ** 2))),
            'ssim_masked': float(smap[mask & inner].mean()),
        })
    return out


def write(name, a, b):
    a32, b32 = np.asarray(a, dtype='<f4'), np.asarray(b, dtype='<f4')
    a32.tofile(os.path.join(OUT, name + '_a.f32'))
    b32.tofile(os.path.join(OUT, name + '_b.f32'))
    return a32.astype(np.float64), b32.astype(np.float64)


def smooth_edges(rows, cols):
    """A non-square piecewise-constant phantom with edges: two rectangles and a disc on soft tissue."""
    y, x = np.mgrid[0:rows, 0:cols]
    img = np.full((rows, cols), 40.0)
    img[10:40, 8:30] = 180.0
    img[50:90, 45:75] = -80.0
    img[(y - 30) ** 2 + (x - 60) ** 2 < 12 ** 2] = 900.0
    return img


def main():
    os.makedirs(OUT, exist_ok=True)
    real, sha = read_real_slice()
    cases = {}

    # 1. 64x64 Gaussian noise pair around soft tissue: b is the reference, a = b + noise.
    ref = f32(50.0 + 60.0 * rng.standard_normal((64, 64)))
    test = f32(ref + 25.0 * rng.standard_normal((64, 64)))
    cases['gauss64'] = (test, ref, None, 'reference N(50, 60^2) HU; test = reference + N(0, 25^2)')

    # 2. 96 rows x 80 columns: edges plus noise.
    ref = f32(smooth_edges(96, 80))
    test = f32(ref + 20.0 * rng.standard_normal((96, 80)))
    cases['edges96x80'] = (test, ref, None, 'piecewise-constant edges; test = reference + N(0, 20^2)')

    # 3. The smallest size skimage accepts.
    ref = f32(rng.uniform(-200.0, 300.0, (11, 11)))
    test = f32(ref + 15.0 * rng.standard_normal((11, 11)))
    cases['tiny11'] = (test, ref, None, 'uniform(-200, 300) HU, 11x11; test = reference + N(0, 15^2)')

    # 4. Identical pair: PSNR is infinite.
    ref = f32(rng.uniform(-100.0, 200.0, (16, 16)))
    cases['identical16'] = (ref.copy(), ref, None, 'test == reference')

    # 5. Constant +10 HU offset: RMSE exactly 10 (inside every window, so clipped RMSE is 10 too).
    ref = f32(rng.uniform(-100.0, 200.0, (16, 16)))
    cases['offset16'] = (ref + 10.0, ref, None, 'test = reference + 10 HU')

    # 6. Values far outside every window: only the clip keeps PSNR finite and SSIM meaningful.
    ref = f32(rng.uniform(-5000.0, 5000.0, (16, 16)))
    test = f32(ref + 300.0 * rng.standard_normal((16, 16)))
    cases['clip16'] = (test, ref, None, 'uniform(-5000, 5000) HU; test = reference + N(0, 300^2)')

    # 7. A 64x64 crop of a real abdomen slice (liver side) with 30 HU noise.
    ref = f32(real[224:288, 140:204])
    test = f32(ref + 30.0 * rng.standard_normal(ref.shape))
    cases['real64'] = (test, ref, None, 'abdomen slice rows 224-287, cols 140-203; test = reference + N(0, 30^2)')

    # 8. The whole slice at 1/8 scale (8x8 block means) with 30 HU noise, and the body mask (the masked case).
    ref = f32(real.reshape(64, 8, 64, 8).mean(axis=(1, 3)))
    test = f32(ref + 30.0 * rng.standard_normal(ref.shape))
    mask = body_mask(ref)
    mask.astype(np.uint8).tofile(os.path.join(OUT, 'body64_mask.u8'))
    cases['body64'] = (test, ref, mask, 'abdomen slice, 8x8 block means; test = reference + N(0, 30^2); body mask')

    out_cases = []
    for name, (test, ref, mask, what) in cases.items():
        a, b = write(name, test, ref)
        entry = {'name': name, 'description': what, 'shape': [int(a.shape[0]), int(a.shape[1])],
                 'a': name + '_a.f32', 'b': name + '_b.f32', 'windows': {}}
        if mask is not None:
            entry['mask_file'] = 'body64_mask.u8'
        for wname, (W, L) in WINDOWS.items():
            entry['windows'][wname] = metrics(a, b, W, L, mask)
        out_cases.append(entry)

    doc = {
        'generator': 'validation/tools/make_skimage_vectors.py',
        'versions': {'python': sys.version.split()[0], 'numpy': np.__version__, 'scipy': scipy.__version__,
                     'skimage': skimage.__version__},
        'format': 'a = test, b = reference; little-endian float32, row-major, shape [rows, cols]; '
                  'mask: uint8 0/1, row-major',
        'ssim_call': 'structural_similarity(a - lo, b - lo, data_range=W, gaussian_weights=True, sigma=1.5, '
                     'use_sample_covariance=False) on images clipped to [lo, hi]',
        'psnr_call': 'peak_signal_noise_ratio(b - lo, a - lo, data_range=W) on clipped images',
        'real_slice': {'file': 'shared/data/ct/abdomen-ge-lightspeed16/1-20.dcm', 'sha256': sha},
        'cases': out_cases,
    }
    with open(os.path.join(OUT, 'vectors.json'), 'w') as fh:
        json.dump(doc, fh, indent=1)
        fh.write('\n')


if __name__ == '__main__':
    main()
