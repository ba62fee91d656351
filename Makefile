# Thin wrapper over CMake presets. The two quick-start commands:
#   make run    install missing Debian packages, build, scan examples/ and show the verdicts
#   make test   the same set-up, then every test (the ASan/UBSan tree runs them all; the
#               optimized CLI runs the whole-program tests again)
# Also: make bench (Google Benchmark + whole-run comparison with clamscan), make fuzz.
JOBS ?= 2
FUZZ_SECONDS ?= 60

.PHONY: all deps build asan run test test-release test-asan test-all-release bench fuzz format clean

all: build

deps:
	@scripts/install-deps.sh

# The CLI alone: what `make run` needs, and what the release half of `make test` checks.
build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target lureguard

asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

# Exit codes 1 and 2 mean "suspicious" and "malicious": expected for the example lures.
run: build
	@./build/lureguard scan examples/; code=$$?; [ $$code -le 2 ] || exit $$code

# Unit tests, fuzz replays and whole-program tests all run in the ASan/UBSan tree; the
# whole-program tests run again against the optimized CLI users get. (Compiling every test
# twice would double CI's time for no extra finding.)
test: test-release test-asan

test-release: build
	@ctest --test-dir build -L program --output-on-failure -j $(JOBS)

test-asan: asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# Everything in the release tree, unit tests included.
test-all-release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)
	@ctest --test-dir build --output-on-failure -j $(JOBS)

bench: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target lureguard lg_bench
	@scripts/bench.sh
	@scripts/bench-office.sh

fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@scripts/fuzz.sh $(FUZZ_SECONDS)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	@rm -rf build build-debug build-asan build-fuzz
