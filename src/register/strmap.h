/*
 * strmap.h: a hash table from strings to pointers (internal to
 * src/register), for the per-operation caches and the journal replay.
 */
#ifndef ECOREG_REGISTER_STRMAP_H
#define ECOREG_REGISTER_STRMAP_H

#include <stddef.h>

typedef struct strmap {
    struct strmap_slot {
        char *key; /* owned; NULL for an empty slot */
        void *val;
    } *slots;
    size_t cap, used;
} strmap;

/* The value slot of `key`, claimed (with *val NULL) when new; NULL when
 * memory runs out.  The pointer is valid until the next claim. */
void **strmap_slot(strmap *m, const char *key);
/* The value of `key`, or NULL. */
void *strmap_get(const strmap *m, const char *key);
/* Calls fn on every value (when fn is not NULL) and frees the table. */
void strmap_free(strmap *m, void (*fn)(void *val));

#endif
