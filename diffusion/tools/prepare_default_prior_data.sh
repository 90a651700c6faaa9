#!/usr/bin/env bash
# Lays out the training and validation folders of the bundled default prior from ../shared/data/ct
# (symbolic links, nothing copied). Split by patient:
#   validation: chest-siemens-sensation10-b40f (patient Lung_Dx-A0002), held out whole;
#   training:   every other normal-dose series, except
#     - chest-siemens-sensation10-b70f (the same patient as validation, sharp kernel: never training data),
#     - the slices shipped in sample-scans/ (they are the denoising test images).
# Usage: diffusion/tools/prepare_default_prior_data.sh SHARED_CT_DIR OUT_DIR
set -euo pipefail
ct="$(readlink -f "$1")"; out="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$out/train" "$out/val"
ln -sfn "$ct/chest-siemens-sensation10-b40f" "$out/val/chest-siemens-sensation10-b40f"
for series in abdomen-ge-lightspeed16 atcm-phantom-varying-ma chest-philips-brilliance16 \
              chest-philips-brilliance16p-lidc0314 head-ge-hispeed-gantry-tilt; do
  mkdir -p "$out/train/$series"
  for f in "$ct/$series"/*.dcm; do
    name="$(basename "$f")"
    if [ -e "$root/sample-scans/$series/full-dose/$name" ]; then continue; fi
    ln -sfn "$f" "$out/train/$series/$name"
  done
done
find "$out/train" -name '*.dcm' | wc -l | xargs echo "training slices:"
find -L "$out/val" -name '*.dcm' | wc -l | xargs echo "validation slices:"
