# The module modprobe finds is the one DKMS installed (the host's DKMS for
# Debian 12's kernels, a Debian 13 root's for Debian 13's and its
# backports', which compresses it as the kernel's configuration asks).
ko=$(ls "/lib/modules/$(uname -r)/updates/dkms/"nsaudit.ko* 2>/dev/null)
[ "$(printf '%s\n' "$ko" | grep -c .)" = 1 ] || fail "DKMS's modules: '$ko'"
mod=$(modinfo -n nsaudit 2>/dev/null || modinfo nsaudit | sed -n 's/^filename: *//p')
expect_eq "module path" "$mod" "$ko"
nsa_load
grep -q '^nsaudit ' /proc/modules || fail "not loaded"
nsa_unload
note "modprobe found and loaded $mod"
