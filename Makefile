# Thin wrapper over CMake presets. The two quick-start commands:
#   make run    install missing Debian packages, build, scan examples/ and show the verdicts
#   make test   the same set-up, then every test (release build, then the ASan/UBSan build)
# Also: make bench (Google Benchmark + whole-run comparison with clamscan), make fuzz.
JOBS ?= 2
FUZZ_SECONDS ?= 60

.PHONY: all deps build asan run test test-release test-asan bench fuzz format clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

# Exit codes 1 and 2 mean "suspicious" and "malicious": expected for the example lures.
run: build
	@./build/lureguard scan examples/; code=$$?; [ $$code -le 2 ] || exit $$code

test: test-release test-asan

test-release: build
	@ctest --test-dir build --output-on-failure -j $(JOBS)

test-asan: asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir build-asan --output-on-failure -j $(JOBS)

bench: build
	@scripts/bench.sh

fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@scripts/fuzz.sh $(FUZZ_SECONDS)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	@rm -rf build build-debug build-asan build-fuzz
