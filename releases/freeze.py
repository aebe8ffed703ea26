"""Freeze one released methodology version into releases/<version>/ so its links keep their numbers.

    python releases/freeze.py 2026.1        # one version
    python releases/freeze.py --all         # every version in RELEASES

A deployed app has no .git, so an old link's number can only be recomputed from a copy in the repository.
A copy of the data alone would not do: the method changed too (e.g. how "typical" is chosen, the label's
range rule), so each folder holds the version's own `estimator/` package, its `data/` and its
`METHODOLOGY.md`, extracted with `git archive <commit> estimator data METHODOLOGY.md`.

Left out: `data/build/` (the scripts and raw inputs that produced the CSVs; never read when estimating) and
`data/fonts/` (read only by the old card.py for PNG cards, which this folder is not used for; card.py falls
back to the system's fonts). Re-running the script reproduces the folder byte for byte: the files come from
the commit, and FROZEN.txt holds only the commit's own facts.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PATHS = ("estimator", "data", "METHODOLOGY.md")
EXCLUDED = ("data/build", "data/fonts")

# version → (the last commit whose METHODOLOGY.md carries that version, why that commit).
# Find them with: git log --format='%h %ad %s' --date=short -G'^Version: 2026' -- METHODOLOGY.md
RELEASES = {
    "2026.1": ("b6d467f398b5cd6a78480665fa3df13dcb6162a8",
               "the last commit before 8a77e16, which began 2026.2: the code and data every 2026.1 link was made with"),
    "2026.2": ("04d198ef1ff61ab713e2e25c21bf2d102681ca4c",
               "the last commit before e465fa7, which began 2026.3: the code and data every 2026.2 link was made with"),
}


def _git(*args: str) -> bytes:
    try:
        return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = exc.stderr.decode(errors="replace").strip().splitlines()[-1:] if getattr(exc, "stderr", None) else []
        raise SystemExit(f"error: git {args[0]} failed ({' '.join(detail) or exc}); freezing needs the repository's "
                         "git history (a clone, not a tarball)") from None


def is_kept(name: str) -> bool:
    """A path from the archive that belongs in the frozen folder (not under an excluded folder)."""
    return not any(name == ex or name.startswith(ex + "/") for ex in EXCLUDED)


def archive_files(commit: str) -> dict[str, bytes]:
    """path → bytes of every kept file of `git archive <commit> estimator data METHODOLOGY.md`."""
    tar = tarfile.open(fileobj=io.BytesIO(_git("archive", "--format=tar", commit, *PATHS)))
    return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile() and is_kept(m.name)}


def frozen_note(version: str, commit: str, why: str) -> str:
    """FROZEN.txt: which commit, its date, why that one, and what was left out."""
    date = _git("log", "-1", "--format=%cI", commit).decode().strip()
    return (f"version: {version}\ncommit: {commit}\ndate: {date}\nwhy: {why}\n"
            f"made with: git archive {commit} {' '.join(PATHS)} (python releases/freeze.py {version})\n"
            f"left out: {', '.join(EXCLUDED)} (not read when estimating)\n")


def freeze(version: str) -> Path:
    """Write releases/<version>/ afresh from its commit."""
    commit, why = RELEASES[version]
    files = archive_files(commit)
    if f"Version: {version}\n" not in files["METHODOLOGY.md"].decode("utf-8"):
        raise SystemExit(f"error: METHODOLOGY.md at {commit[:7]} is not version {version}; fix RELEASES")
    out = HERE / version
    if out.exists():
        shutil.rmtree(out)
    for name, blob in sorted(files.items()):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
    (out / "FROZEN.txt").write_text(frozen_note(version, commit, why), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", nargs="?", choices=sorted(RELEASES))
    parser.add_argument("--all", action="store_true", help="freeze every released version")
    args = parser.parse_args(argv)
    if not args.all and not args.version:
        parser.error("give a version or --all")
    for version in sorted(RELEASES) if args.all else [args.version]:
        print(f"froze {version} into {freeze(version).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
