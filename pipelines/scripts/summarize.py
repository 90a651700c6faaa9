#!/usr/bin/env python3
"""summary.csv and psnr_gain.png of pipelines/Snakefile: one row per discovered series.

A finished series is read from OUT/series/NAME/series.json; a failed one from its status file in OUT/logs (kept by
Snakemake when a job fails); a series with neither is "not run". The Snakefile calls this from its summary rule and,
when jobs failed (e.g. with --keep-going), from its onerror handler, so the failures are listed too.
"""
import argparse
import csv
import json
import os
import subprocess
import sys

WINDOWS = ("abdomen", "wide", "full")
COLUMNS = (["series", "status", "exit_code", "error", "folder", "reference", "patient_id", "study_uid",
            "series_uid", "description", "stacks", "slices", "sigma_n_hu", "flagged_slices", "flagged", "unchanged",
            "retried", "floor_capped_slices", "problems"]
           + ["psnr_db_" + w for w in WINDOWS] + ["ssim_" + w for w in WINDOWS]
           + ["input_psnr_db_" + w for w in WINDOWS] + ["input_ssim_" + w for w in WINDOWS]
           + ["psnr_gain_" + w + "_db" for w in WINDOWS]
           + ["seconds", "seconds_per_slice", "nfe_per_slice", "model", "settings", "output", "log"])


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def joined(values):
    return ";".join(str(v) for v in values)


def row(entry, out_dir):
    name = entry["name"]
    r = {"series": name, "folder": entry["folder"], "reference": entry.get("reference") or "",
         "log": os.path.join(out_dir, "logs", name + ".log")}
    done = load(os.path.join(out_dir, "series", name, "series.json"))
    if done is None:
        status = load(os.path.join(out_dir, "logs", name + ".status.json"))
        if status is None:
            r.update(status="not run")
        else:
            r.update(status=status.get("status", "failed"), exit_code=status.get("exit_code", ""),
                     error=status.get("error", ""), seconds=status.get("seconds", ""))
        return r
    stacks, d = done["stacks"], done["denoise"]
    r.update(status="ok", exit_code=0, stacks=len(stacks),
             patient_id=joined(sorted({s["patient_id"] for s in stacks})),
             study_uid=joined(sorted({s["study_uid"] for s in stacks})),
             series_uid=joined(s["series_uid"] for s in stacks), description=joined(s["description"] for s in stacks),
             problems=joined(p for s in stacks for p in s["problems"]),
             slices=d["slices"], sigma_n_hu=d["sigma_n_hu"], flagged_slices=len(d["flagged_slices"]),
             flagged=joined(d["flagged_slices"]), unchanged=d["unchanged"], retried=d["retried"],
             floor_capped_slices=d.get("floor_capped_slices", ""),
             seconds=d["seconds"], seconds_per_slice=d["seconds_per_slice"], nfe_per_slice=d["nfe_per_slice"],
             model=d["model"], settings=d["settings"], output=joined(d["output"]))
    for w in WINDOWS:
        for key in ("psnr_db", "ssim", "input_psnr_db", "input_ssim"):
            value = d.get(key, {}).get(w)
            r[key.replace("_db", "") + ("_db_" if key.endswith("_db") else "_") + w] = "" if value is None else value
        test, low = d.get("psnr_db", {}).get(w), d.get("input_psnr_db", {}).get(w)
        r["psnr_gain_" + w + "_db"] = "" if test is None or low is None else test - low
    return r


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--ddlm", required=True)
    a.add_argument("--listing", required=True)
    a.add_argument("--out-dir", required=True)
    a.add_argument("--csv", required=True)
    a.add_argument("--png", required=True)
    args = a.parse_args()
    with open(args.listing) as f:
        entries = json.load(f)
    rows = [row(e, args.out_dir) for e in entries]
    tmp = "%s.tmp-%d" % (args.csv, os.getpid())
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in COLUMNS})
    os.replace(tmp, args.csv)
    code = subprocess.run([args.ddlm, "gain-chart", args.csv, "--out", args.png]).returncode
    if code != 0:
        print("summarize: ddlm gain-chart failed with exit code %d" % code, file=sys.stderr)
        sys.exit(code)
    bad = [r["series"] for r in rows if r["status"] != "ok"]
    print("summary: %d series, %d ok%s" % (len(rows), len(rows) - len(bad),
                                          ", not ok: " + ", ".join(bad) if bad else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
