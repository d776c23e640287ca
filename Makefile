# Two commands for a newcomer on Debian/Ubuntu: `make run` and `make test`.
# Both install what is missing first (apt-get as root, or through sudo).

SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO ?= cargo

# What building and running the window needs (the recipe known to work on Debian 12).
RUN_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev \
                libayatana-appindicator3-dev librsvg2-dev fonts-noto-cjk
# What the end-to-end journeys need on top: the WebKit WebDriver and a virtual display; and
# LibreOffice with poppler to prove the DOCX opens and prints (installed without recommends);
# dosfstools and fusefat for an export onto a real FAT stick image (core tests/doors.rs);
# a real Japanese IME driven by X key events (tests/ime.rs): ibus with its GTK 3 module and Mozc,
# a D-Bus session daemon for it, xdotool.
TEST_PACKAGES := webkit2gtk-driver xvfb strace dosfstools fusefat \
                 ibus ibus-gtk3 ibus-mozc mozc-server dbus-daemon xdotool mutter
DOCX_PACKAGES := libreoffice-writer-nogui poppler-utils
# `make bench` only: the bare WebKitGTK page its window figures stand beside (python3 + GTK), and a
# fast clock for the six-hour sitting (libfaketime).
BENCH_PACKAGES := python3-gi gir1.2-webkit2-4.1 faketime
TAURI_DRIVER_VERSION := 2.1.0
# The Tauri CLI that bundles the .deb: npm's package ships a prebuilt binary (no download at run
# time); the same version as the tauri crate.
TAURI_CLI_VERSION := 2.12.5
TAURI_CLI := target/tools/node_modules/.bin/tauri
DEB_DIR := target/release/bundle/deb

.PHONY: run test deps test-deps build bench clean deb deb-check

run: deps
	$(CARGO) run

build: deps
	$(CARGO) build

test: test-deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) test --workspace --no-fail-fast
	$(MAKE) deb-check

deps:
	@missing=$$(for p in $(RUN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

test-deps: deps
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing test packages:" $$missing; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi
	@missing=$$(for p in $(DOCX_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing document tools:" $$missing; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
	@# A no-op when this version is already installed.
	$(CARGO) install tauri-driver --version $(TAURI_DRIVER_VERSION) --locked

clean:
	$(CARGO) clean

# The installer IT hands out: a .deb with the release binary (stripped, LTO), the icon, a desktop
# entry in Japanese, and its dependencies declared.
deb: deps
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y npm; }
	@[ -x $(TAURI_CLI) ] && $(TAURI_CLI) --version | grep -q "$(TAURI_CLI_VERSION)" || \
	  npm install --no-audit --no-fund --prefix target/tools @tauri-apps/cli@$(TAURI_CLI_VERSION)
	$(TAURI_CLI) build --bundles deb --config '{"bundle":{"active":true}}'
	@ls -l $(DEB_DIR)/*.deb target/release/shoki

# The .deb installed as IT would (apt-get install ./…deb), then the installed program started on
# a virtual display: its window must appear (tests/deb_check.sh).
deb-check: deb test-deps
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --reinstall ./$$(ls $(DEB_DIR)/*.deb | head -1)
	tests/deb_check.sh

# The figures in the README: turn commit in the core against bare rusqlite, then the real window.
bench: test-deps
	@missing=$$(for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing bench packages:" $$missing; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi
	$(CARGO) bench -p shoki-core --bench turn_commit
	$(CARGO) bench -p shoki-core --bench export
	$(CARGO) bench -p shoki-core --bench archive
	$(CARGO) test --release --test bench_window -- --ignored --nocapture
