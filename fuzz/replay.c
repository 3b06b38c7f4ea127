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
#include "input.h"

static size_t replayed;

static int replay_file(const char *path)
{
    fx_diag diag;
    fx_diag_init(&diag, stderr);
    char *bytes;
    size_t len;
    if (fx_input_read(path, &bytes, &len, &diag) < 0) return -1;
    LLVMFuzzerTestOneInput((const uint8_t *)bytes, len);
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
