/*
 * apikey.h: who may use the register over HTTP (issue 6).  An API key is
 * bound to a role and, for a supplier or an installer, to the one
 * supplier or installer whose data it reaches.  The register keeps only a
 * hash of the key's secret (BLAKE2b through libsodium): the key itself is
 * shown once, when it is created.  A key is the journal subject
 * ("api_key", ID): "created" with its role, scope, owner and hash, then
 * "revoked".  Like every operation of the register (register.h), creating
 * and revoking are one transaction each, with actor, time and reason.
 */
#ifndef ECOREG_APIKEY_H
#define ECOREG_APIKEY_H

#include <stdbool.h>

#include "ecoreg/register.h"
#include "ecoreg/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Who a caller is (issue 6 "Who may do what"). */
typedef enum er_role {
    ER_ROLE_PUBLIC = 0,         /* no key: installer search, certificate check,
                                   complaint submission, quote */
    ER_ROLE_ADMINISTRATOR,      /* the scheme administrator: everything */
    ER_ROLE_SUPPLIER,           /* one supplier's projects, measures, obligation */
    ER_ROLE_CERTIFICATION_BODY, /* the CHMM certification scheme */
    ER_ROLE_INSTALLER,          /* one installer's installations and complaints */
    ER_ROLE_COUNT
} er_role;

/** "public", "administrator", "supplier", "certification_body",
 *  "installer". */
const char *er_role_name(er_role r);
/** ER_EINVAL for a name not listed. */
er_status er_role_parse(const char *s, er_role *out);

/** A key's ID: 12 lower-case hex digits, with its NUL. */
#define ER_APIKEY_ID_MAX 13
/** A whole key as a caller presents it ("er_" ID "_" secret), with its NUL. */
#define ER_APIKEY_TOKEN_MAX 64

/** An API key as the register holds it (never its secret). */
typedef struct er_apikey {
    char id[ER_APIKEY_ID_MAX];
    er_role role;
    char scope[ER_EVENT_TEXT_MAX]; /* the supplier's code or the installer's ID;
                                      "" for other roles */
    char owner[ER_NAME_MAX];       /* the person or system holding it */
    char created[32];              /* ISO 8601 UTC */
    bool revoked;
    char revoked_at[32]; /* "" while active */
    char hash[65];       /* hex BLAKE2b-256 of the secret */
} er_apikey;

/**
 * Creates a key for `owner` (printable, 1 to ER_NAME_MAX - 1 bytes) with
 * role `role` and `scope`: a supplier the register holds for
 * ER_ROLE_SUPPLIER, an installer it holds for ER_ROLE_INSTALLER, "" (or
 * NULL) for the others; ER_ROLE_PUBLIC needs no key and is refused.  One
 * transaction with its event.  On success *out describes the key and
 * token[ER_APIKEY_TOKEN_MAX] holds it whole: the only time the secret
 * exists outside the caller's hands.  ER_EINVAL naming the field;
 * ER_ENOTFOUND (field "scope") for an unknown supplier or installer.
 */
er_status er_register_apikey_create(er_store *s, const er_act *act, er_role role, const char *scope,
                                    const char *owner, er_apikey *out,
                                    char token[ER_APIKEY_TOKEN_MAX], er_error *err);

/** Revokes key `id` with `reason` (required): it opens nothing from then
 *  on.  ER_ENOTFOUND when no such key; ER_EINVAL when already revoked. */
er_status er_register_apikey_revoke(er_store *s, const er_act *act, const char *id,
                                    const char *reason, er_error *err);

/** Reads key `id`; ER_ENOTFOUND (field "id") when none. */
er_status er_register_apikey_get(er_store *s, const char *id, er_apikey *out, er_error *err);

/** Calls `cb` for each key in the order created (a non-zero return stops). */
er_status er_register_apikey_each(er_store *s, int (*cb)(void *ctx, const er_apikey *k), void *ctx);

/**
 * The active key whose whole text is `token` into *out.  ER_ENOTFOUND for
 * a malformed token, an unknown ID, a wrong secret (compared in constant
 * time) or a revoked key alike, so that a caller learns nothing of which.
 */
er_status er_register_apikey_check(er_store *s, const char *token, er_apikey *out);

/** The actor a key's writes are journalled under: "api:ID OWNER", cut to
 *  fit actor[ER_EVENT_TEXT_MAX]. */
void er_apikey_actor(const er_apikey *k, char actor[ER_EVENT_TEXT_MAX]);

#ifdef __cplusplus
}
#endif
#endif
