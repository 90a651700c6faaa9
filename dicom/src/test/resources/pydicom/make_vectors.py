#!/usr/bin/python3
"""Expected values for PeerCorpusTest, computed once with pydicom (Debian python3-pydicom 2.3.1, numpy).

Run from this folder: /usr/bin/python3 make_vectors.py > vectors.tsv
For each file that a reader should read: rows, columns, and the HU image as pydicom gives it
(pixel_array * RescaleSlope + RescaleIntercept, slope 1 and intercept 0 when absent), summarised by
its minimum, maximum and the SHA-256 of the values as little-endian int32. BitsStored is 16 in every
file here, so pydicom's unmasked values are the stored values. Files a reader must refuse are listed
in REFUSED with the fix its message has to name.
"""
import hashlib

import numpy as np
import pydicom

READ = ["CT_small.dcm", "MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm",
        "MR_small_expb.dcm", "MR_small_RLE.dcm", "MR_small_padded.dcm"]
REFUSED = {"JPEG2000.dcm": "gdcmconv --raw IN OUT",
           "MR_small_jpeg_ls_lossless.dcm": "dcmdjpls IN OUT",
           "MR_truncated.dcm": "copy it again from the source"}

print("file\toutcome\trows\tcols\tmin\tmax\tsha256_int32le_or_fix")
for name in READ:
    ds = pydicom.dcmread(name)
    assert ds.BitsStored == 16
    slope = float(ds.get("RescaleSlope", 1))
    intercept = float(ds.get("RescaleIntercept", 0))
    hu = ds.pixel_array.astype(np.float64) * slope + intercept
    assert np.all(hu == np.round(hu))
    words = hu.astype("<i4")
    digest = hashlib.sha256(words.tobytes()).hexdigest()
    print(f"{name}\tread\t{ds.Rows}\t{ds.Columns}\t{int(words.min())}\t{int(words.max())}\t{digest}")
for name, fix in REFUSED.items():
    print(f"{name}\trefused\t\t\t\t\t{fix}")
