// See include/pm_mapped_file.h for why this file exists.
#define _GNU_SOURCE
#include "pm_mapped_file.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { SLOTS = 64 };

// The open mappings. The handler only reads `start`/`end` and sets `damaged`, all atomics: it may run
// on any thread at any moment. A slot is claimed by setting `used`, filled, and published by `end`.
static struct {
    atomic_int used;
    _Atomic(uintptr_t) start;
    _Atomic(uintptr_t) end;
    atomic_int damaged;
    size_t length;
} slots[SLOTS];

static struct sigaction previous;
static pthread_once_t installed = PTHREAD_ONCE_INIT;
static int install_failed = 0;
static uintptr_t page_size = 4096; // read once at installation: sysconf is not async-signal-safe

static void on_sigbus(int signal, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t start = atomic_load(&slots[i].start), end = atomic_load(&slots[i].end);
        if (start <= address && address < end) {
            uintptr_t page = address & ~(page_size - 1);
            // A private page of zeros in place of the vanished one; the faulting read is retried on it.
            // (mmap is a plain system call here, as in every libc in use, though POSIX does not list it.)
            void *zero = mmap((void *)page, (size_t)page_size, PROT_READ,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (zero != MAP_FAILED) {
                atomic_store(&slots[i].damaged, 1);
                return;
            }
            break;
        }
    }
    // Not ours (or the page could not be replaced): what would have happened without this handler.
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction) { previous.sa_sigaction(signal, info, context); return; }
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(signal);
        return;
    }
    // The default action: restore it; returning re-runs the faulting instruction, which now ends the process.
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGBUS, &fallback, NULL);
}

static void install(void) {
    long size = sysconf(_SC_PAGESIZE);
    if (size > 0) page_size = (uintptr_t)size;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    install_failed = sigaction(SIGBUS, &action, &previous) != 0;
}

int pm_map_file(int fd, size_t size, const unsigned char **bytes) {
    if (size == 0) return -1;
    pthread_once(&installed, install);
    if (install_failed) return -1;
    int slot = -1;
    for (int i = 0; i < SLOTS && slot < 0; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&slots[i].used, &expected, 1)) slot = i;
    }
    if (slot < 0) return -1;
    // Not MAP_POPULATE: the first pass over the bytes runs on every core, and so do its faults.
    void *mapped = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapped == MAP_FAILED) {
        atomic_store(&slots[slot].used, 0);
        return -1;
    }
    slots[slot].length = size;
    atomic_store(&slots[slot].damaged, 0);
    atomic_store(&slots[slot].start, (uintptr_t)mapped);
    atomic_store(&slots[slot].end, (uintptr_t)mapped + size);
    *bytes = mapped;
    return slot;
}

int pm_mapping_damaged(int slot) {
    return atomic_load(&slots[slot].damaged);
}

void pm_unmap_file(int slot) {
    uintptr_t start = atomic_load(&slots[slot].start);
    atomic_store(&slots[slot].end, 0);
    atomic_store(&slots[slot].start, 0);
    munmap((void *)start, slots[slot].length);
    atomic_store(&slots[slot].used, 0);
}
