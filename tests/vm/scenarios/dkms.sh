# The module DKMS installed on the host is the one modprobe finds here.
mod=$(modinfo -n nsaudit 2>/dev/null || modinfo nsaudit | sed -n 's/^filename: *//p')
expect_eq "module path" "$mod" "/lib/modules/$(uname -r)/updates/dkms/nsaudit.ko"
nsa_load
grep -q '^nsaudit ' /proc/modules || fail "not loaded"
nsa_unload
note "modprobe found $mod"
