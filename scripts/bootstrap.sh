#!/usr/bin/env bash
# Bring a fresh Debian/Ubuntu machine to the point where Ilot runs and its tests pass:
# system packages (installed when root, else the exact apt-get line is printed), the Python
# virtual environment with pinned packages, front-end assets from the npm lock file, and the
# compiled translation catalogues. Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
# Debian packages Ilot needs at run time (OCR, file types, PDF tools, fonts), for the demo's
# e-mail and translations (gettext), for tests (PostgreSQL server binaries, Chromium), and Node
# for the front-end assets.
SYSTEM_PACKAGES=(tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng libmagic1 poppler-utils
  fonts-dejavu-core fonts-liberation gettext postgresql chromium nodejs npm)
if [ "${ILOT_SKIP_BROWSER:-}" = "1" ]; then SYSTEM_PACKAGES=("${SYSTEM_PACKAGES[@]/chromium}"); fi

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  [ -z "$pkg" ] && continue
  case "$pkg" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    postgresql) { command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "==> Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing system packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is required (found $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi

stamp="$VENV/.ilot-installed-$(cat requirements/*.txt pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> Creating $VENV and installing pinned Python packages"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
  "$VENV/bin/python" -m pip install -q -r requirements/dev.txt -c requirements/constraints.txt 2>&1 \
    | grep -v "is ignored" || true
  "$VENV/bin/python" -m pip install -q --no-deps -e . 2>&1 | grep -v "is ignored" || true
  "$VENV/bin/python" -c "import django, pydantic, pypdfium2, sklearn, psycopg" # fail loudly if pip did
  rm -f "$VENV"/.ilot-installed-*
  touch "$stamp"
fi

assets_stamp="node_modules/.ilot-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$assets_stamp" ] || [ ! -d src/ilot/web/static/vendor ]; then
  echo "==> Installing front-end assets from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  scripts/vendor-assets.sh
  touch "$assets_stamp"
fi

# Translation catalogues: compiled when a .po is newer than its .mo.
for po in $(find src/ilot -name '*.po'); do
  mo="${po%.po}.mo"
  if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then msgfmt --check -o "$mo" "$po"; fi
done
