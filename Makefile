# Build, run and test entry points of the Key Vault + Data Connect emulator.
#
#   make setup   install what is missing (Debian packages, *.localhost resolution, Python venv)
#   make build   release build of keyvault-emulator and dataconnect-agent
#   make run     build, then serve on https://*.localhost:8443 with the data in emulator-data/
#   make demo    setup, build, then the portal walkthrough (Tests/demo/run.sh)
#   make test    setup, debug + release builds, swift test, conformance suite, browser suite
#   make bench   bench/run.sh, when present
#   make clean   remove build products, the venv and test caches (never emulator-data/)
#
# SCRATCH moves SwiftPM's build directory (e.g. `make build SCRATCH=/tmp/build-x`).

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := build

SCRATCH ?= .build
SWIFT_FLAGS := --scratch-path $(SCRATCH)
RELEASE_BIN := $(abspath $(SCRATCH))/release
PYTHON ?= python3
VENV := .venv
REQUIREMENTS := Tests/conformance/requirements.txt
REQUIREMENTS_STAMP := $(VENV)/.requirements.stamp

# Debian packages: C libraries of the system-library targets, *.localhost resolution, the venv,
# and the tools of the benchmark and browser suites (libnss3-tools: certutil, with which the
# browser suite adds the emulator's CA to each test Chromium's NSS database).
DEBIAN_PACKAGES := libssl-dev libsqlite3-dev libcurl4-openssl-dev libevent-dev zlib1g-dev \
	libnss-myhostname python3-venv pkg-config curl wrk hyperfine chromium chromium-driver libnss3-tools

# sudo only when not already root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Test suites run with a blank Azure/TLS/proxy environment, so a developer's settings
# (credentials, authority host, CA bundles, proxies) cannot leak into what the tests observe.
# $(.VARIABLES) includes every variable inherited from the environment, so this catches all AZURE_*.
SCRUBBED_VARIABLES := $(sort $(filter AZURE_%,$(.VARIABLES)) \
	REQUESTS_CA_BUNDLE CURL_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR \
	http_proxy https_proxy HTTP_PROXY HTTPS_PROXY no_proxy NO_PROXY all_proxy ALL_PROXY)
CLEAN_ENV := env $(foreach v,$(SCRUBBED_VARIABLES),-u $(v))

.PHONY: setup setup-packages setup-resolver setup-venv build run demo test bench clean

setup: setup-packages setup-resolver setup-venv

setup-packages:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
		status=$$(dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null || true); \
		[ "$$status" = "install ok installed" ] || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "setup: installing Debian packages:$$missing"; \
		$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	else \
		echo "setup: Debian packages present"; \
	fi

# Vault hosts are <name>.vault.localhost: glibc resolves them only through the nss "myhostname"
# module (libnss-myhostname), which answers every *.localhost name with 127.0.0.1 and ::1.
# Debian's default /etc/nsswitch.conf ("hosts: files dns") does not consult it, so it is added
# right after "files" (before dns, so no DNS query leaves the machine for these names).
# curl and Chromium resolve *.localhost themselves; Python, Swift's Foundation and libcurl's
# threaded resolver go through glibc, hence this step.
setup-resolver:
	@if ! grep -Eq '^hosts:.*\bmyhostname\b' /etc/nsswitch.conf; then \
		echo "setup: adding myhostname to the hosts line of /etc/nsswitch.conf"; \
		if grep -Eq '^hosts:.*\bfiles\b' /etc/nsswitch.conf; then \
			$(SUDO) sed -i -E '/^hosts:/ s/\bfiles\b/files myhostname/' /etc/nsswitch.conf; \
		else \
			$(SUDO) sed -i -E '/^hosts:/ s/$$/ myhostname/' /etc/nsswitch.conf; \
		fi; \
	fi; \
	addresses=$$(getent ahosts kv1.vault.localhost | awk '{print $$1}' | sort -u | tr '\n' ' '); \
	case "$$addresses" in \
		*127.0.0.1*|*::1*) echo "setup: kv1.vault.localhost resolves to $$addresses";; \
		*) echo "setup: kv1.vault.localhost does not resolve to loopback (got '$$addresses'); check /etc/nsswitch.conf and libnss-myhostname" >&2; exit 1;; \
	esac

setup-venv:
	@[ -x $(VENV)/bin/python ] || { echo "setup: creating $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@want=$$(sha256sum $(REQUIREMENTS) | cut -d' ' -f1); \
	have=$$(cat $(REQUIREMENTS_STAMP) 2>/dev/null || true); \
	if [ "$$want" != "$$have" ]; then \
		echo "setup: installing $(REQUIREMENTS) into $(VENV)"; \
		$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r $(REQUIREMENTS) \
			&& echo "$$want" > $(REQUIREMENTS_STAMP); \
	else \
		echo "setup: $(VENV) up to date"; \
	fi

build:
	swift build -c release $(SWIFT_FLAGS)

run: build
	$(RELEASE_BIN)/keyvault-emulator serve --data-dir emulator-data

demo: setup build
	KVEMU_BIN=$(RELEASE_BIN)/keyvault-emulator bash Tests/demo/run.sh

# Each suite ends with one line "==> <suite>: PASSED" or "==> <suite>: FAILED (exit N)";
# the first failing suite stops the run (make itself then exits 2).
define run_suite
	@echo "==> $(1)"; \
	$(CLEAN_ENV) $(2); rc=$$?; \
	if [ $$rc -eq 0 ]; then echo "==> $(1): PASSED"; else echo "==> $(1): FAILED (exit $$rc)"; exit $$rc; fi
endef

test: setup
	$(call run_suite,swift build (debug),swift build $(SWIFT_FLAGS))
	$(call run_suite,swift build (release),swift build -c release $(SWIFT_FLAGS))
	$(call run_suite,swift test,swift test --disable-swift-testing $(SWIFT_FLAGS))
	$(call run_suite,conformance,KVEMU_BIN=$(RELEASE_BIN)/keyvault-emulator $(VENV)/bin/python -m pytest Tests/conformance -q)
	@# The browser suite may hold no test yet: pytest then exits 5 ("no tests collected"), which is fine.
	@echo "==> browser"; \
	if [ -z "$$(find Tests/browser -name 'test_*.py' -o -name '*_test.py' | head -n 1)" ]; then \
		echo "==> browser: no tests yet"; \
	else \
		$(CLEAN_ENV) KVEMU_BIN=$(RELEASE_BIN)/keyvault-emulator $(VENV)/bin/python -m pytest Tests/browser -q; rc=$$?; \
		if [ $$rc -eq 0 ]; then echo "==> browser: PASSED"; \
		elif [ $$rc -eq 5 ]; then echo "==> browser: no tests collected"; \
		else echo "==> browser: FAILED (exit $$rc)"; exit $$rc; fi; \
	fi
	@echo "==> make test: every suite passed"

bench:
	@if [ -f bench/run.sh ]; then \
		$(MAKE) --no-print-directory build && KVEMU_BIN=$(RELEASE_BIN)/keyvault-emulator bash bench/run.sh; \
	else \
		echo "bench: bench/run.sh not present"; \
	fi

clean:
	rm -rf $(SCRATCH) $(VENV) .pytest_cache Tests/conformance/.pytest_cache Tests/browser/.pytest_cache
	find Tests -name __pycache__ -type d -prune -exec rm -rf {} +
