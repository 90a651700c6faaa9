// Acceptance macro for headless Fiji: opens a low-dose series, denoises it with explicit options (writing a DICOM
// series), validates the result against the full-dose reference, and saves what the test checks.
// Argument: "<low-dose folder>|<full-dose folder>|<output folder>".
args = split(getArgument(), "|");
low = args[0];
ref = args[1];
out = args[2];
setBatchMode(true);
File.openSequence(low);
if (nSlices != 6) exit("expected 6 low-dose slices, got " + nSlices);
run("Denoise (DDLM)...", "input=[current image] model=default sampler=dpm2m steps=2 conditioning=blend zeta=0.1 time=2 flips=2 seed=7 batch=4 noise=20 device=cpu output=[" + out + "/series] show");
if (nImages != 2) exit("expected the low-dose image and the result, got " + nImages + " images");
if (bitDepth() != 32 || nSlices != 6) exit("result is not a 32-bit stack of 6 slices");
getVoxelSize(pw, ph, pd, unit);
print("result: " + getTitle() + ", voxel " + pw + " x " + ph + " x " + pd + " " + unit);
saveAs("Tiff", out + "/denoised.tif");
run("Validate Against Reference...", "test=[current image] reference=[" + ref + "] input=[" + low + "] windows=[abdomen wide]");
if (nResults != 6) exit("expected 6 rows in the Results table, got " + nResults);
for (i = 0; i < nResults; i++)
    print("slice " + getResult("Slice", i) + ": PSNR " + d2s(getResult("PSNR abdomen", i), 3) + " dB (input " + d2s(getResult("input PSNR abdomen", i), 3) + "), SSIM " + d2s(getResult("SSIM abdomen", i), 4));
saveAs("Results", out + "/results.csv");
print("macro finished");
