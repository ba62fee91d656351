#pragma once
/// LG_FUZZ_CHECK: an invariant the fuzzed code promises (output bounds, valid UTF-8, a round
/// trip). A broken one is a bug the fuzzer must see, so it prints what failed and aborts, in
/// libFuzzer and in the replay main alike.
#include <cstdio>
#include <cstdlib>

#define LG_FUZZ_CHECK(cond)                                                                  \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)
