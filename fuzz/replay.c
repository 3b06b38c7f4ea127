/* replay.c - a main for the fuzz targets without libFuzzer: runs the target
 * once on each file named (a directory stands for the files in it), so
 * seeds and saved crashes replay under the ordinary and sanitizer builds.
 *
 * usage: fuzz-replay-TARGET PATH...    prints "replay: N passed, 0 failed";
 * a broken invariant aborts (see fuzz.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t replayed;

/* Raw bytes, as libFuzzer would pass them (fx_input_read would transcode
 * UTF-16 and refuse binaries, which are exactly the inputs to replay). */
static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *bytes = malloc(cap);
    for (;;) {
        if (!bytes) abort();
        size_t got = fread(bytes + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
        if (n == cap) {
            char *grown = realloc(bytes, cap *= 2);
            if (!grown) abort();
            bytes = grown;
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        perror(path);
        free(bytes);
        return -1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)bytes, n);
    free(bytes);
    replayed++;
    return 0;
}

static int replay_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) return replay_file(path);
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        return -1;
    }
    int status = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *sub = malloc(n);
        if (!sub) abort();
        snprintf(sub, n, "%s/%s", path, e->d_name);
        if (replay_path(sub) < 0) status = -1;
        free(sub);
    }
    closedir(d);
    return status;
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int status = 0;
    for (int i = 1; i < argc; i++)
        if (replay_path(argv[i]) < 0) status = 1;
    printf("replay: %zu passed, %d failed\n", replayed, status);
    return status;
}
