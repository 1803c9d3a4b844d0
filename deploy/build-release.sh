#!/bin/bash
# Builds a release bundle a terminal can install or upgrade to without internet access:
#   deploy/build-release.sh [--source DIR] [--out DIR] [--version V] [--wheels-from DIR] [--print-version]
# Writes OUT/anjungan-VERSION.tar (default OUT: ./out/releases) holding anjungan-VERSION/app (the
# code, with a VERSION file) and anjungan-VERSION/wheelhouse (a wheel for every package of
# locks/kiosk.txt, hash-checked against the lock when downloaded, plus the app's own wheel, and
# requirements.txt pinning each wheel by its sha256). Run it on the terminals' platform (Debian 12,
# amd64, Python 3.11): pyscard is built from source there. It needs PyPI, unless --wheels-from
# names the wheelhouse of an earlier release with the same lock (only the code changed).
# VERSION: --version, else the source's VERSION file, else from git: vX.Y.Z for a tagged commit,
# X.Y.Z+gCOMMIT otherwise (pyproject's X.Y.Z), with .dCONTENTHASH for uncommitted changes.
set -euo pipefail

SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$PWD/out/releases"
VERSION=""
WHEELS_FROM=""
PRINT_VERSION=0
while [ $# -gt 0 ]; do
  case "$1" in
    --source) SOURCE="$(cd "$2" && pwd)"; shift ;;
    --out) OUT="$2"; shift ;;
    --version) VERSION="$2"; shift ;;
    --wheels-from) WHEELS_FROM="$(cd "$2" && pwd)"; shift ;;
    --print-version) PRINT_VERSION=1 ;;
    -h|--help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-release: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
say() { echo "build-release: $*"; }
if [ ! -f "$SOURCE/main.py" ] || [ ! -f "$SOURCE/locks/kiosk.txt" ]; then
  echo "build-release: $SOURCE is not an Anjungan checkout" >&2
  exit 1
fi

# A hash of the tree's content (what a dirty or git-less tree is told apart by).
content_hash() {
  (cd "$1" && find . -type f ! -path './.git/*' ! -path './.venv/*' ! -path './var/*' ! -path './out/*' \
     ! -name '*.pyc' ! -path '*/__pycache__/*' ! -path './.pytest_cache/*' -print0 \
     | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-8
}
if [ -z "$VERSION" ] && [ -f "$SOURCE/VERSION" ]; then
  VERSION="$(cat "$SOURCE/VERSION")"
fi
if [ -z "$VERSION" ]; then
  base="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$SOURCE/pyproject.toml" | head -1)"
  if git -C "$SOURCE" rev-parse --git-dir >/dev/null 2>&1; then
    if tag="$(git -C "$SOURCE" describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null)" \
        && git -C "$SOURCE" diff --quiet HEAD; then
      VERSION="${tag#v}"
    else
      VERSION="$base+g$(git -C "$SOURCE" rev-parse --short=10 HEAD)"
      git -C "$SOURCE" diff --quiet HEAD || VERSION="$VERSION.d$(content_hash "$SOURCE")"
    fi
  else
    VERSION="$base+local.$(content_hash "$SOURCE")"
  fi
fi
# It names a folder and goes into the wheel's metadata: PEP 440, nothing else.
if ! [[ "$VERSION" =~ ^[0-9]+(\.[0-9]+)*((a|b|rc)[0-9]+)?(\.post[0-9]+)?(\.dev[0-9]+)?(\+[a-z0-9]+(\.[a-z0-9]+)*)?$ ]]; then
  echo "build-release: version '${VERSION:0:40}' is not of the form 1.2.3 or 1.2.3+local" >&2
  exit 2
fi
if [ "$PRINT_VERSION" -eq 1 ]; then
  echo "$VERSION"
  exit 0
fi

work="$(mktemp -d "${TMPDIR:-/var/tmp}/anjungan-release.XXXXXX")"
trap 'rm -rf "$work"' EXIT
bundle="$work/anjungan-$VERSION"
install -d "$bundle/app" "$bundle/wheelhouse"
tar -C "$SOURCE" --exclude=./.git --exclude=./.venv --exclude=./var --exclude=./out \
    --exclude='__pycache__' --exclude='*.pyc' --exclude=./.pytest_cache --exclude=./VERSION -cf - . \
  | tar -C "$bundle/app" -xf -
echo "$VERSION" >"$bundle/app/VERSION"
sed -i "s/^version = \".*\"$/version = \"$VERSION\"/" "$bundle/app/pyproject.toml"

say "version $VERSION"
python3 -m venv "$work/build-venv"
pip=("$work/build-venv/bin/python" -m pip --disable-pip-version-check -q)
if [ -n "$WHEELS_FROM" ]; then
  cp "$WHEELS_FROM"/*.whl "$bundle/wheelhouse/"
  rm -f "$bundle/wheelhouse"/anjungan-*.whl
else
  # Downloads checked against the lock's hashes; sdists (pyscard) then built into wheels here,
  # their build tools (setuptools, swig) fetched by pip's isolated build as for any sdist.
  say "downloading the packages of locks/kiosk.txt"
  "${pip[@]}" download --require-hashes --no-deps -r "$SOURCE/locks/kiosk.txt" -d "$work/downloads"
  "${pip[@]}" wheel --no-deps --find-links "$work/downloads" -w "$bundle/wheelhouse" "$work"/downloads/*
fi
"${pip[@]}" wheel --no-deps --no-index --find-links "$bundle/wheelhouse" -w "$bundle/wheelhouse" "$bundle/app"

# Every locked name==version must have its wheel (a reused wheelhouse from another lock fails here).
missing=()
while read -r pin; do
  name="${pin%%==*}"; version="${pin#*==}"
  # Wheel file names spell the project with _ for . and -, in any case.
  find "$bundle/wheelhouse" -maxdepth 1 -iname "$(echo "$name" | tr '.-' '__')-${version}-*.whl" | grep -q . \
    || missing+=("$pin")
done < <(sed -n 's/^\([A-Za-z0-9._-]*==[^ ;]*\).*/\1/p' "$SOURCE/locks/kiosk.txt")
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-release: no wheel for ${missing[*]:0:5} (a wheelhouse for another lock?)" >&2
  exit 1
fi
(cd "$bundle/wheelhouse" && for wheel in *.whl; do
   name="${wheel%%-*}"; rest="${wheel#*-}"
   echo "${name}==${rest%%-*} --hash=sha256:$(sha256sum "$wheel" | cut -d' ' -f1)"
 done) >"$bundle/wheelhouse/requirements.txt"

mkdir -p "$OUT"
tar -C "$work" -cf "$OUT/anjungan-$VERSION.tar.partial" "anjungan-$VERSION"
mv "$OUT/anjungan-$VERSION.tar.partial" "$OUT/anjungan-$VERSION.tar"
say "wrote $OUT/anjungan-$VERSION.tar ($(du -m "$OUT/anjungan-$VERSION.tar" | cut -f1) MB)"
