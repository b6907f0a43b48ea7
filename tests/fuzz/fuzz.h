#ifndef CASELOAD_FUZZ_H
#define CASELOAD_FUZZ_H
/* The libFuzzer entry point every tests/fuzz/fuzz_<name>.c defines; replay.c calls it for
 * each file of a corpus in the normal build. */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
