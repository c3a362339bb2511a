# Sourced by scripts/prerequisites/*.sh: installs Debian packages as root (or through sudo), waiting for
# another apt-get's lock rather than failing on it.
apt_install() {
  local apt_get=(apt-get -o DPkg::Lock::Timeout=600)
  if [ "$(id -u)" -ne 0 ]; then
    apt_get=(sudo "${apt_get[@]}")
  fi

  "${apt_get[@]}" update
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y --no-install-recommends "$@"
}
