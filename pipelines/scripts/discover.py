#!/usr/bin/env python3
"""Makes the job list of pipelines/Snakefile (it runs this when it starts): one entry per series folder, with its reference where there is one.

Folder mode: every leaf folder of the tree (no subfolders) is read by one `ddlm info --json --no-pixels` call; a
folder that cannot be read is still listed (with its error) so that its job fails and the summary names it. Manifest
mode: one entry per CSV row. Writes a JSON list, atomically.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys


def fail(message):
    print("discover: error: " + message, file=sys.stderr)
    sys.exit(1)


def job_name(path, base):
    """A name for file paths and wildcards: the folder relative to the tree, or a manifest path's last 3 parts."""
    rel = os.path.relpath(path, base) if base else os.path.join(*os.path.normpath(path).split(os.sep)[-3:])
    if rel in (".", ""):
        rel = os.path.basename(os.path.abspath(path))
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", rel.replace(os.sep, "__")).strip("_.")
    return name or "series"


def unique(entries):
    seen = {}
    for e in entries:
        n = e["name"]
        if n in seen:
            seen[n] += 1
            e["name"] = "%s-%d" % (n, seen[n])
        else:
            seen[n] = 1
    return entries


def leaf_folders(root, skip):
    """Leaf folders holding files; hidden folders (ddlm's temporary output) and the pipeline's own OUT are left out."""
    leaves = []
    skip = os.path.realpath(skip)
    seen = set()
    for folder, dirs, files in os.walk(root, followlinks=True):  # data trees are often assembled from links
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and os.path.realpath(os.path.join(folder, d)) != skip)
        if not dirs and any(os.path.isfile(os.path.join(folder, f)) for f in files if not f.startswith(".")):
            leaves.append(os.path.abspath(folder))
    return sorted(leaves)


def info(ddlm, folders):
    """ddlm info --json over the folders: {folder: [stack records]} and {folder: error}; 0/1 are its answers."""
    r = subprocess.run([ddlm, "info", "--json", "--no-pixels"] + folders, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    sys.stderr.write(r.stderr)
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    if r.returncode not in (0, 1) or (r.returncode == 1 and not lines):
        fail("ddlm info failed with exit code %d: %s" % (r.returncode, r.stderr.strip().splitlines()[-1:]))
    stacks, errors = {}, {}
    for line in lines:
        o = json.loads(line)
        if "error" in o:
            errors[o["folder"]] = o["error"]
        else:
            stacks.setdefault(o["folder"], []).append(o)
    return stacks, errors


def from_tree(ddlm, root, pair_sources, out_dir):
    if not os.path.isdir(root):
        fail("the input folder %s does not exist (set in=FOLDER or manifest=FILE)" % root)
    leaves = leaf_folders(root, out_dir)
    if not leaves:
        fail("no folder with files under %s" % root)
    stacks, errors = info(ddlm, leaves)
    folder_of_series = {s["series_uid"]: f for f, ss in stacks.items() for s in ss}
    references = {}
    if pair_sources:
        for folder, ss in stacks.items():
            if len(ss) != 1:
                continue
            for uid in ss[0]["source_series"]:
                ref = folder_of_series.get(uid)
                if ref and ref != folder and len(stacks[ref]) == 1:
                    references[folder] = ref
    used_as_reference = set(references.values())
    entries = []
    for folder in leaves:
        if folder in used_as_reference or (folder not in stacks and folder not in errors):
            continue  # a reference only, or a folder without CT (its files were skipped with a note)
        entries.append({"name": job_name(folder, root), "folder": folder, "reference": references.get(folder),
                        "discovery_error": errors.get(folder)})
    return entries


def from_manifest(path):
    if not os.path.isfile(path):
        fail("the manifest %s does not exist" % path)
    entries = []
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "lowdose" not in reader.fieldnames:
            fail("%s needs a header row with a 'lowdose' column (and optional 'reference', 'name')" % path)
        for i, row in enumerate(reader, start=2):
            low = (row.get("lowdose") or "").strip()
            if not low:
                fail("%s line %d: empty lowdose folder" % (path, i))
            ref = (row.get("reference") or "").strip() or None
            name = (row.get("name") or "").strip()
            entries.append({"name": job_name(name, None) if name else job_name(low, None),
                            "folder": os.path.abspath(low), "reference": os.path.abspath(ref) if ref else None,
                            "discovery_error": None})
    if not entries:
        fail("%s lists no series" % path)
    return entries


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ddlm", required=True)
    p.add_argument("--tree")
    p.add_argument("--manifest")
    p.add_argument("--pair-sources", default="true")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.manifest:
        entries = from_manifest(a.manifest)
    elif a.tree:
        entries = from_tree(a.ddlm, a.tree, a.pair_sources.lower() in ("1", "true", "yes"),
                            os.path.dirname(os.path.abspath(a.out)))
    else:
        fail("set in=FOLDER or manifest=FILE (--config, or pipelines/config.yaml)")
    # Build (if the sources changed) here, once, before parallel jobs start the launcher.
    r = subprocess.run([a.ddlm, "--version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        fail("%s --version failed (exit code %d): %s" % (a.ddlm, r.returncode, r.stderr.strip()))
    unique(entries)
    text = json.dumps(entries, indent=1) + "\n"
    try:
        with open(a.out) as f:
            same = f.read() == text
    except OSError:
        same = False
    if not same:  # an unchanged list keeps its time stamp, so Snakemake does not redo the summary for nothing
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        tmp = a.out + ".tmp-%d" % os.getpid()
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, a.out)
    print("discover: %d series, %d with a reference%s" % (
        len(entries), sum(1 for e in entries if e["reference"]),
        "" if same else " (job list written to %s)" % a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
