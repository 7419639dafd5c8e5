# ecoreg: the two commands a fresh Debian 12 machine needs (DESIGN.md,
# "Set-up"), `make run` and `make check`, each installing what is missing
# (scripts/deps.sh) before it configures and builds with CMake.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

BUILD := build
ASAN_BUILD := build-asan
NPROC := $(shell nproc 2>/dev/null || echo 2)
SRC_DIRS := src include tests bench fuzz

# Configures directory $(1) with the CMake options $(2) unless a previous
# configure got as far as writing a build system there.
define configure
	if [ ! -f $(1)/CMakeCache.txt ] || \
	   { [ ! -f $(1)/Makefile ] && [ ! -f $(1)/build.ninja ]; }; then \
		cmake -S . -B $(1) $(2); \
	fi
endef

.PHONY: all deps build check run bench lint format clean

all: build

deps:
	@bash scripts/deps.sh </dev/null

build: deps
	@$(call configure,$(BUILD),-DCMAKE_BUILD_TYPE=RelWithDebInfo)
	cmake --build $(BUILD) -j$(NPROC)

check: build
	ctest --test-dir $(BUILD) --output-on-failure --no-tests=error -j2
	@$(call configure,$(ASAN_BUILD),-DECOREG_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
	cmake --build $(ASAN_BUILD) -j$(NPROC)
	ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir $(ASAN_BUILD) --output-on-failure --no-tests=error -j2
	bash scripts/lint.sh

run: build
	bash scripts/demo.sh $(BUILD)/ecoreg

bench: build
	bash scripts/bench.sh

lint:
	bash scripts/lint.sh

format:
	@command -v clang-format >/dev/null || \
	    { echo "format: clang-format not found (apt-get install clang-format)" >&2; exit 1; }
	find $(wildcard $(SRC_DIRS)) -type f \( -name '*.c' -o -name '*.h' \) -print0 | \
	    xargs -0 -r clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) var
