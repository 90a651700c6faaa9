// FijiCommandsIT: the four commands as a headless macro in a Fiji.app made of the overlay and a Fiji base.
// Argument: the work folder holding one-full/ (one full-dose slice) and low-two/ (two low-dose slices); results go
// to macro/ beside them.
w = getArgument();
m = w + "/macro";
File.makeDirectory(m);
setBatchMode(true);

// The bundled 25 % dose sample was made with these settings: the simulated slice must match it.
run("Simulate Low Dose...", "input=folder folder=[" + w + "/one-full] dose=0.25 n0=250000 electronic=10 seed=1 geometry=fan filter=hann output=[" + m + "/simulated] show");
if (nImages != 1 || nSlices != 1) exit("Simulate: expected one 1-slice image, got " + nImages + " images");
saveAs("Tiff", m + "/simulated.tif");
close();

run("Validate Against Reference...", "test=folder folder=[" + m + "/simulated] reference=[" + w + "/one-full] windows=[abdomen wide]");
if (nResults != 1) exit("Validate: expected 1 row, got " + nResults);
saveAs("Results", m + "/validate.csv");
close("*"); // its PSNR plot

// The key set the Denoise dialog had before its Advanced part: old macros must keep working.
run("Denoise (DDLM)...", "input=folder folder=[" + w + "/low-two] model=default sampler=dpm2m steps=2 conditioning=blend zeta=0.1 time=2 flips=2 seed=7 batch=4 noise=20 device=cpu output=[" + m + "/denoised] show");
if (nImages != 1 || nSlices != 2 || bitDepth() != 32) exit("Denoise: expected one 32-bit 2-slice image");
saveAs("Tiff", m + "/denoised.tif");
close();

run("Train Prior...", "data=[" + w + "/one-full] model=[" + m + "/prior] steps=2 batch=2 patch=32 learning=0.0001 seed=1 device=cpu");
if (!File.exists(m + "/prior/model.json")) exit("Train: no model.json");

run("About DDLM...");
print("macro finished");
