# The Debian mirror the host's apt uses, and private apt configurations
# of other suites, for the cache builders: sourced.
# debian_mirror WHO: prints it (NSAUDIT_MIRROR overrides), or says on
# standard error, as WHO, that there is none and returns 1. Never a
# guessed address: a host whose apt names no mirror must say which.
debian_mirror() {
	local m=${NSAUDIT_MIRROR:-$(apt-get indextargets --format '$(REPO_URI)' 'Created-By: Packages' 2>/dev/null |
		grep -m1 '/debian/$' || true)}
	if [ -z "$m" ]; then
		echo "$1: the host's apt names no Debian mirror (run apt-get update, or set NSAUDIT_MIRROR)" >&2
		return 1
	fi
	echo "$m"
}

# private_apt CACHE SUITE WHO: prints an APT_CONFIG file that names SUITE
# alone (under CACHE/apt/SUITE), its package lists fetched within the last
# day; the host's own sources are never changed. Callers serialise (the
# lists and archives are shared).
private_apt() {
	local cache=$1 suite=$2 who=$3 dir=$1/apt/$2 mirror
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	mirror=$(debian_mirror "$who") || return 1
	mirror=${mirror%/}
	mkdir -p "$dir/lists/partial" "$dir/archives/partial"
	[ -f "$dir/status" ] || : >"$dir/status"
	echo "deb [signed-by=$keyring] $mirror $suite main" >"$dir/sources.list"
	cat >"$dir/apt.conf" <<-EOF
	Dir::State "$dir";
	Dir::State::Lists "$dir/lists";
	Dir::State::status "$dir/status";
	Dir::Cache "$dir";
	Dir::Cache::archives "$dir/archives";
	Dir::Etc::SourceList "$dir/sources.list";
	Dir::Etc::SourceParts "/nonexistent";
	APT::Architecture "amd64";
	EOF
	if [ -z "$(find "$dir/lists" -name '*_Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
		APT_CONFIG=$dir/apt.conf apt-get update -q >"$dir/update.log" 2>&1 ||
			{ echo "$who: apt-get update for $suite failed (log: $dir/update.log)" >&2; return 1; }
	fi
	echo "$dir/apt.conf"
}
