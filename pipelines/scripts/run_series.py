#!/usr/bin/env python3
"""One series job of pipelines/Snakefile: ddlm info -> ddlm denoise (with --reference where given) -> series.json.

The job's output is the folder OUT (denoised/, report/, series.json, written last and atomically). Whatever happens,
STATUS gets {"status": "ok"|"failed", "exit_code", "error", ...}: Snakemake keeps log files of failed jobs and deletes
their outputs, so the summary can name a failure while nothing of it looks finished. A failure exits with ddlm's own
exit code (1 bad input, 3 bug; 3 also for a failure of this script itself) and removes OUT.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import traceback

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def write_json(path, obj):
    tmp = "%s.tmp-%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


def run(cmd, env):
    """Runs a ddlm command; stderr goes through to the log. Returns (exit code, stdout, last error line)."""
    print("$ " + " ".join(shlex.quote(c) for c in cmd), file=sys.stderr, flush=True)
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    error, last = "", ""
    for line in p.stderr:
        sys.stderr.write(line)
        line = ANSI.sub("", line)  # a build's colour codes can precede the line
        if line.strip():
            last = line.strip()
        if line.startswith("ddlm:") and "error" in line.split(":")[1]:
            error = line.strip()  # "ddlm: error: FILE: problem" or "ddlm: internal error: ..."
    out = p.stdout.read()
    p.wait()
    sys.stderr.flush()
    return p.returncode, out, error or last


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--ddlm", required=True)
    a.add_argument("--name", required=True)
    a.add_argument("--folder", required=True)
    a.add_argument("--reference", default="")
    a.add_argument("--out", required=True)
    a.add_argument("--status", required=True)
    a.add_argument("--threads", type=int, default=1)
    a.add_argument("--heap-mb", type=int, default=3072)
    a.add_argument("--denoise-args", default="")
    args = a.parse_args()
    status = {"series": args.name, "folder": args.folder, "reference": args.reference or None,
              "status": "failed", "exit_code": 3, "error": "", "step": "start"}
    started = time.time()

    def finish(code, step, error):
        status.update(exit_code=code, step=step, error=error, seconds=round(time.time() - started, 3))
        write_json(args.status, status)
        shutil.rmtree(args.out, ignore_errors=True)
        print("run_series: %s failed at %s with exit code %d: %s" % (args.name, step, code, error), file=sys.stderr)
        sys.exit(code)

    try:
        os.makedirs(os.path.dirname(os.path.abspath(args.status)), exist_ok=True)
        shutil.rmtree(args.out, ignore_errors=True)  # leftovers of a killed attempt
        os.makedirs(args.out)
        env = dict(os.environ, DDLM_JAVA_OPTS="-Xmx%dm" % args.heap_mb)
        code, out, error = run([args.ddlm, "info", "--json", "--no-pixels", args.folder], env)
        if code != 0:
            finish(code, "info", error)
        stacks = [json.loads(l) for l in out.splitlines() if l.strip()]
        result = os.path.join(args.out, "denoise.json")
        cmd = [args.ddlm, "denoise", args.folder, "--out", os.path.join(args.out, "denoised"), "--json", result,
               "--threads", str(args.threads)]
        if args.reference:
            cmd += ["--reference", args.reference, "--report", os.path.join(args.out, "report")]
        cmd += shlex.split(args.denoise_args)
        code, out, error = run(cmd, env)
        print(out.strip(), file=sys.stderr)
        if code != 0:
            finish(code, "denoise", error)
        with open(result) as f:
            denoise = json.load(f)
        status.update(status="ok", exit_code=0, step="done", seconds=round(time.time() - started, 3))
        write_json(os.path.join(args.out, "series.json"), dict(status, stacks=stacks, denoise=denoise))
        write_json(args.status, status)
    except SystemExit:
        raise
    except BaseException as e:  # a bug here (or a kill signal Python sees): say so, leave nothing that looks done
        traceback.print_exc()
        finish(3, status["step"], "run_series.py: %r" % e)


if __name__ == "__main__":
    main()
