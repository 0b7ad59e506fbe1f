# Shared by scripts/run and scripts/test: install what is missing (Debian 12), configure and
# build incrementally. Sourced, not run.
set -euo pipefail

SOCRED_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Everything socred needs, from Debian's own packages.
SOCRED_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libsfml-dev libimgui-dev libgl-dev libspdlog-dev nlohmann-json3-dev catch2 libcli11-dev
  librandom123-dev zlib1g-dev libopenmpi-dev openmpi-bin
  xvfb xauth libgl1-mesa-dri python3 xdotool fonts-dejavu-core
)

# Packages not installed yet, of SOCRED_PACKAGES and any given as arguments.
socred_missing_packages() {
  local missing=() pkg
  for pkg in "${SOCRED_PACKAGES[@]}" "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  echo "${missing[@]:-}"
}

# Installs missing packages (SOCRED_PACKAGES, plus extra ones given as arguments, e.g. the
# fuzzers' clang-14) when root; otherwise prints the exact command and stops.
socred_install_packages() {
  local missing
  missing=$(socred_missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "socred needs these Debian packages: $missing" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
    exit 1
  fi
  echo "Installing Debian packages: $missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# Configures (once) and builds the given preset incrementally.
socred_build() {
  local preset=$1
  cd "$SOCRED_ROOT"
  if [ ! -f "build/$preset/build.ninja" ]; then
    cmake --preset "$preset" >/dev/null
  fi
  cmake --build --preset "$preset" -- --quiet
}
