# Build the one-folder desktop app on Windows: dist\casework\ (zip it to hand out).
#
#     powershell -ExecutionPolicy Bypass -File packaging\build.ps1
#
# Needs Python 3.10+ from python.org (it includes Tk). Installs the pinned build tools,
# then runs the spec. The folder holds 劳务协作工作台.exe (the window, no console) and
# casework.exe (the command line).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
python -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-build.txt
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build\pyinstaller packaging\casework.spec
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
Compress-Archive -Force -Path dist\casework -DestinationPath dist\casework-windows.zip
Write-Host "built: dist\casework\ and dist\casework-windows.zip"
