# nsaudit: namespace-aware Linux audit as a loadable module.
#
#   make                 module (against KDIR) and the user-space parts
#   make install         the library, nsauditctl, man page, bash completion
#                        (PREFIX=/usr/local, DESTDIR)
#   make check           unit tests and every VM lane
#   make demo            the main job: a VM where the module runs under auditd
#   make bench           cost of the module, measured in one VM run
#   make soak            fuzzer and attacks for hours on the debug kernel
#   make dkms-install    install the module with DKMS for KVER (root; KVER may
#                        name several kernels)
#   make deb             Debian packages (build/deb/), checked with lintian

VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
DKMS_SRC := /usr/src/nsaudit-$(VERSION)

all: module user

module:
	$(MAKE) -C module KDIR=$(KDIR)

user:
	$(MAKE) -C lib
	$(MAKE) -C tools

install: user
	$(MAKE) -C lib install
	$(MAKE) -C tools install

# The files DKMS needs, staged as /usr/src/nsaudit-VERSION (never the build
# tree, which holds VM images).
dkms-install:
	@for k in $(KVER); do test -d /lib/modules/$$k/build || { echo "dkms-install: no headers for $$k: apt-get install linux-headers-$$k" >&2; exit 1; }; done
	-dkms remove -m nsaudit -v $(VERSION) --all >/dev/null 2>&1
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)
	cp -r dkms.conf LICENSE module include $(DKMS_SRC)/
	rm -f $(DKMS_SRC)/module/*.o $(DKMS_SRC)/module/*.ko $(DKMS_SRC)/module/.*.cmd
	dkms add -m nsaudit -v $(VERSION)
	for k in $(KVER); do \
		dkms build -m nsaudit -v $(VERSION) -k $$k && \
		dkms install -m nsaudit -v $(VERSION) -k $$k --force || exit 1; \
	done

# The packages are built in a copy of the tree's files (dpkg-buildpackage
# writes beside the tree it builds): what git tracks or would, never build
# output.
deb:
	rm -rf build/deb
	mkdir -p build/deb/nsaudit-$(VERSION)
	if git rev-parse --git-dir >/dev/null 2>&1; then \
		git ls-files -z --cached --others --exclude-standard | \
			xargs -0 tar -cf - | tar -C build/deb/nsaudit-$(VERSION) -xf -; \
	else \
		tar --exclude=./build -cf - . | tar -C build/deb/nsaudit-$(VERSION) -xf -; \
	fi
	cd build/deb/nsaudit-$(VERSION) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error --info build/deb/*.changes

check:
	tests/run-all.sh

demo:
	tests/demo.sh

bench:
	tests/bench.sh

soak:
	tests/soak.sh

clean:
	$(MAKE) -C module KDIR=$(KDIR) clean 2>/dev/null || true
	$(MAKE) -C lib clean
	$(MAKE) -C tools clean
	$(MAKE) -C tests/unit clean
	rm -rf build

.PHONY: all module user install dkms-install deb check demo bench soak clean
