// SPDX-License-Identifier: Apache-2.0
/*
 * The limit for a traced probe: C firing probes of the same shapes as the Java benchmarks'
 * provider "bench", guarded by their semaphores as usdt4j's generated code is, while the same
 * bpftrace program as TracedBenchmark's is attached to this process.
 *
 * Usage: cfire SCRIPT.bt FIRES RUNS
 *   Starts `bpftrace -p <this pid> SCRIPT.bt`, waits for its BEGIN line "attached", then for each
 *   probe times RUNS runs of FIRES fires and prints one line per run:
 *     cfire probe=longs3 run=1 fires=500000 ns_per_fire=1234.5
 *   and finally bpftrace's maps (its fire counts) as it prints them on exit.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "usdt4j.h"

USDT4J_DEFINE_SEMAPHORE(bench, noargs);
USDT4J_DEFINE_SEMAPHORE(bench, longs3);
USDT4J_DEFINE_SEMAPHORE(bench, string);
USDT4J_DEFINE_SEMAPHORE(bench, args12);

/* The String benchmark's value, as Java passes it: 11 bytes of UTF-8. */
static const char ORDER[] = "order-12345";

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec * 1e9 + (double) t.tv_nsec;
}

/* Argument values change every fire, as the Java benchmarks' do, so none is a constant. */
static void fire(const char *probe, long fires) {
    if (strcmp(probe, "noargs") == 0) {
        for (long i = 0; i < fires; i++) {
            if (*USDT4J_SEMAPHORE_ADDRESS(bench, noargs)) USDT4J_FIRE(bench, noargs);
        }
    } else if (strcmp(probe, "longs3") == 0) {
        for (long i = 0; i < fires; i++) {
            if (*USDT4J_SEMAPHORE_ADDRESS(bench, longs3)) USDT4J_FIRE(bench, longs3, i, i + 1, i + 2);
        }
    } else if (strcmp(probe, "string") == 0) {
        /* A copy per fire, as usdt4j writes the Java string into native memory before each fire. */
        char buffer[256];
        for (long i = 0; i < fires; i++) {
            if (*USDT4J_SEMAPHORE_ADDRESS(bench, string)) {
                memcpy(buffer, ORDER, sizeof ORDER);
                USDT4J_FIRE(bench, string, buffer);
            }
        }
    } else {
        for (long i = 0; i < fires; i++) {
            if (*USDT4J_SEMAPHORE_ADDRESS(bench, args12))
                USDT4J_FIRE(bench, args12, i, i + 1, i + 2, i + 3, i + 4, i + 5,
                            i + 6, i + 7, i + 8, i + 9, i + 10, i + 11);
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: cfire SCRIPT.bt FIRES RUNS\n");
        return 2;
    }
    const char *script = argv[1];
    long fires = atol(argv[2]);
    int runs = atoi(argv[3]);

    int out[2];
    if (pipe(out) != 0) {
        perror("pipe");
        return 1;
    }
    char pid[32];
    snprintf(pid, sizeof pid, "%d", (int) getpid());
    pid_t tracer = fork();
    if (tracer == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execlp("bpftrace", "bpftrace", "-p", pid, script, (char *) NULL);
        perror("bpftrace");
        _exit(127);
    }
    close(out[1]);
    FILE *lines = fdopen(out[0], "r");
    char line[4096];
    int attached = 0;
    while (!attached && fgets(line, sizeof line, lines) != NULL) {
        attached = strncmp(line, "attached", 8) == 0;
    }
    if (!attached) {
        fprintf(stderr, "cfire: bpftrace exited before attaching\n");
        return 1;
    }
    if (!*USDT4J_SEMAPHORE_ADDRESS(bench, noargs) || !*USDT4J_SEMAPHORE_ADDRESS(bench, longs3)
            || !*USDT4J_SEMAPHORE_ADDRESS(bench, string) || !*USDT4J_SEMAPHORE_ADDRESS(bench, args12)) {
        fprintf(stderr, "cfire: bpftrace attached but a probe's semaphore is 0\n");
        return 1;
    }

    static const char *const PROBES[] = {"noargs", "longs3", "string", "args12"};
    for (size_t p = 0; p < sizeof PROBES / sizeof PROBES[0]; p++) {
        fire(PROBES[p], fires / 10); /* warm caches and the uprobe path */
        for (int run = 1; run <= runs; run++) {
            double start = now_ns();
            fire(PROBES[p], fires);
            double elapsed = now_ns() - start;
            printf("cfire probe=%s run=%d fires=%ld ns_per_fire=%.1f\n", PROBES[p], run, fires, elapsed / fires);
            fflush(stdout);
        }
    }

    /* SIGINT makes bpftrace print its maps; one sent right after BEGIN's line is sometimes lost,
     * so it is repeated until bpftrace exits. Its output waits in the pipe. */
    int status;
    int exited = 0;
    for (int tick = 0; tick < 300 && !exited; tick++) {
        if (tick % 10 == 0) {
            kill(tracer, SIGINT);
        }
        usleep(100 * 1000);
        exited = waitpid(tracer, &status, WNOHANG) == tracer;
    }
    if (!exited) {
        kill(tracer, SIGKILL);
        waitpid(tracer, &status, 0);
        fprintf(stderr, "cfire: bpftrace did not exit on SIGINT within 30 s\n");
        return 1;
    }
    while (fgets(line, sizeof line, lines) != NULL) {
        if (line[0] == '@') {
            printf("cfire bpftrace %s", line);
        }
    }
    return 0;
}
