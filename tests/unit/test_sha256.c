/* test_sha256.c - doc.sha256: the known answers of FIPS 180-4, and the
 * CPU's SHA instructions (when this machine has them) against the
 * portable code on every length around the block and padding edges. */
#include <stdlib.h>

#include "harness.h"
#include "sha256.h"

static void known_answers(void)
{
    char hex[65];
    fx_sha256_hex("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    fx_sha256_hex("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    fx_sha256_hex(two_blocks, sizeof two_blocks - 1, hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void same_as_portable(void)
{
    enum { MAX = 4096 + 200 };
    unsigned char *data = malloc(MAX);
    unsigned state = 12345;
    for (size_t i = 0; i < MAX; i++) {
        state = state * 1103515245u + 12345u;
        data[i] = (unsigned char)(state >> 16);
    }
    int differ = 0;
    for (size_t len = 0; len <= 300; len++) {
        char a[65], b[65];
        fx_sha256_hex(data, len, a);
        fx_sha256_hex_portable(data, len, b);
        differ += strcmp(a, b) != 0;
    }
    for (size_t len = 1000; len <= MAX; len += 97) {
        char a[65], b[65];
        fx_sha256_hex(data + len % 7, len - len % 7, a);
        fx_sha256_hex_portable(data + len % 7, len - len % 7, b);
        differ += strcmp(a, b) != 0;
    }
    CHECK(differ == 0);
    free(data);
}

void test_sha256(void)
{
    known_answers();
    same_as_portable();
}
