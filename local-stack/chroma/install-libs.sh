#!/usr/bin/env bash
# Prepares the C runtime that `chroma run` (the chromadb npm package's native server) needs.
# Its bindings are built against glibc 2.39; Debian 12 ships 2.36 ("GLIBC_2.38 not found").
# Debian 13's libc6, libstdc++6 and libgcc-s1 are unpacked into a private folder, never
# installed: the starter runs node through that folder's dynamic loader, so nothing else on
# the machine sees them.
#
#   bash local-stack/chroma/install-libs.sh      # prints the folder ("" when none is needed)
#
# CHROMA_LIBS_DIR overrides the folder (default ~/.cache/empire/chroma-libs). Idempotent: a
# complete folder is reused; a half-made one is never left behind.
set -euo pipefail

SUITE=trixie
PACKAGES=(libc6 libstdc++6 libgcc-s1)
dir="${CHROMA_LIBS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/empire/chroma-libs}"

case "$(uname -m)" in
  x86_64) loader=ld-linux-x86-64.so.2 triplet=x86_64-linux-gnu ;;
  aarch64) loader=ld-linux-aarch64.so.1 triplet=aarch64-linux-gnu ;;
  *) echo "chroma libs: unsupported machine $(uname -m)" >&2; exit 2 ;;
esac

# A glibc new enough already: the system libraries serve.
system_glibc="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')"
if [ -n "$system_glibc" ] && [ "$(printf '%s\n2.39\n' "$system_glibc" | sort -V | head -n 1)" = "2.39" ]; then
  echo ""
  exit 0
fi

if [ -x "$dir/$loader" ] && [ -f "$dir/.complete" ]; then
  echo "$dir"
  exit 0
fi

for tool in apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "chroma libs: $tool is needed (Debian or Ubuntu)" >&2; exit 3; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial" "$work/debs" "$work/root"
cat >"$work/sources.list" <<EOF
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $SUITE main
EOF
apt_opts=(
  -o "Dir::State=$work/state"
  -o "Dir::State::status=/dev/null"
  -o "Dir::Cache=$work/cache"
  -o "Dir::Etc::SourceList=$work/sources.list"
  -o "Dir::Etc::SourceParts=/dev/null"
  -o "APT::Get::List-Cleanup=0"
  -o "APT::Sandbox::User=root"
  # Offline, fail fast: npm start carries on without memory rather than wait.
  -o "Acquire::Retries=0"
  -o "Acquire::http::Timeout=15"
  -qq
)
echo "chroma libs: fetching ${PACKAGES[*]} from Debian $SUITE" >&2
apt-get "${apt_opts[@]}" update >&2
(cd "$work/debs" && apt-get "${apt_opts[@]}" download "${PACKAGES[@]}" >&2)
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done

# One flat folder: the loader plus every shared object it will be asked for.
staged="$work/libs"
mkdir -p "$staged"
# (usr/lib64 holds only a relative symlink to the loader in usr/lib/<triplet>, so it is skipped.)
for from in "$work/root/usr/lib/$triplet" "$work/root/lib/$triplet"; do
  if [ -d "$from" ]; then cp -an "$from"/. "$staged"/; fi
done
[ -e "$staged/$loader" ] || { echo "chroma libs: $loader missing from the packages" >&2; exit 4; }
ls "$work"/debs/*.deb | xargs -n 1 basename >"$staged/.complete"

mkdir -p "$(dirname "$dir")"
rm -rf "$dir.old"
[ -e "$dir" ] && mv "$dir" "$dir.old"
mv "$staged" "$dir"
rm -rf "$dir.old"
echo "$dir"
