# The Debian mirror the host's apt uses, for the cache builders: sourced.
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
