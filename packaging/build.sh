#!/usr/bin/env bash
# Build the one-folder desktop app on Linux or macOS: dist/casework/ (zip it to hand out).
#
#     bash packaging/build.sh
#
# Needs Python 3.10+ with Tk. Installs the pinned build tools, then runs the spec.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-build.txt
python3 -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/casework.spec
echo "built: dist/casework/ ($(du -sh dist/casework | cut -f1))"
