// A read-only mapping of a regular file that survives the file shrinking while it is mapped.
//
// A page of a mapped file that no longer exists (another process truncated the file) raises SIGBUS
// when it is read, which would end the process. While a mapping made here is open, a SIGBUS inside it
// is answered, in C (a signal handler must be async-signal-safe, which Swift code cannot promise), by
// mapping a page of zeros over the missing page and marking the mapping damaged; the read goes on, and
// the caller, seeing `pm_mapping_damaged`, throws away what it read and reads the file again. A SIGBUS
// anywhere else goes to the handler that was installed before (or ends the process as usual).
#ifndef PM_MAPPED_FILE_H
#define PM_MAPPED_FILE_H

#include <stddef.h>

/// Maps the first `size` bytes of the open file `fd` read-only. Returns a slot
/// (>= 0) for the calls below and sets `*bytes`, or -1 when the file cannot be mapped (then nothing
/// was mapped; read the file instead).
int pm_map_file(int fd, size_t size, const unsigned char **bytes);

/// Whether a page of the mapping in `slot` disappeared while it was open (its bytes read as zeros).
int pm_mapping_damaged(int slot);

/// Unmaps the mapping in `slot` and frees the slot.
void pm_unmap_file(int slot);

#endif
