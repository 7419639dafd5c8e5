/*
 * apikey.c: the API keys of the HTTP interface (apikey.h; issue 6 "Who may
 * do what").  A key reads "er_" + its ID (12 hex digits, 6 random bytes)
 * + "_" + its secret (32 random bytes, base64url); the journal keeps the
 * ID, the role, the scope, the owner and the BLAKE2b-256 hash of the
 * secret.  A 256-bit random secret needs no slow password hash: no
 * dictionary holds it, so one fast hash keeps the stored value useless to
 * whoever reads the database while a request pays microseconds to check.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "ecoreg/apikey.h"
#include "ecoreg/certify.h"
#include "ecoreg/jsonw.h"
#include "event.h"
#include "ledger_reg.h"
#include "subjects.h"

static const char *const role_names[ER_ROLE_COUNT] = {
    [ER_ROLE_PUBLIC] = "public",       [ER_ROLE_ADMINISTRATOR] = "administrator",
    [ER_ROLE_SUPPLIER] = "supplier",   [ER_ROLE_CERTIFICATION_BODY] = "certification_body",
    [ER_ROLE_INSTALLER] = "installer",
};

#define SECRET_BYTES 32
#define ID_BYTES 6

const char *er_role_name(er_role r)
{
    return (unsigned)r < ER_ROLE_COUNT ? role_names[r] : "?";
}

er_status er_role_parse(const char *s, er_role *out)
{
    int i;

    for (i = 0; s && i < ER_ROLE_COUNT; i++)
        if (strcmp(s, role_names[i]) == 0) {
            *out = (er_role)i;
            return ER_OK;
        }
    return ER_EINVAL;
}

/* ---- replay --------------------------------------------------------- */

static er_status apply(void *rec, const er_event *ev, const cJSON *doc)
{
    er_apikey *k = rec;

    if (strcmp(ev->kind, "created") == 0) {
        char role[32];

        event_text(k->id, sizeof k->id, ev->subject);
        event_text(k->created, sizeof k->created, ev->at);
        if (!ledger_json_text(doc, "role", role, sizeof role) ||
            er_role_parse(role, &k->role) != ER_OK ||
            !ledger_json_text(doc, "scope", k->scope, sizeof k->scope) ||
            !ledger_json_text(doc, "owner", k->owner, sizeof k->owner) ||
            !ledger_json_text(doc, "hash", k->hash, sizeof k->hash))
            return ER_EPARSE;
    } else if (strcmp(ev->kind, "revoked") == 0) {
        k->revoked = true;
        event_text(k->revoked_at, sizeof k->revoked_at, ev->at);
    } else {
        return ER_EPARSE;
    }
    return ER_OK;
}

er_status er_register_apikey_get(er_store *s, const char *id, er_apikey *out, er_error *err)
{
    er_status rc;

    memset(out, 0, sizeof *out);
    rc = subject_read(s, "api_key", id, out, sizeof *out, apply);
    if (rc == ER_ENOTFOUND)
        return er_error_set(err, rc, 0, "id", "no API key %s", id ? id : "");
    if (rc)
        return er_error_set(err, rc, 0, "id", "API key %s: its events cannot be read", id);
    return ER_OK;
}

struct each {
    int (*cb)(void *ctx, const er_apikey *k);
    void *ctx;
};

static int each_one(void *ctx, const void *rec)
{
    struct each *e = ctx;

    return e->cb(e->ctx, rec);
}

er_status er_register_apikey_each(er_store *s, int (*cb)(void *ctx, const er_apikey *k), void *ctx)
{
    struct each e = { .cb = cb, .ctx = ctx };

    return subject_each(s, "api_key", sizeof(er_apikey), apply, each_one, &e);
}

/* ---- creating, revoking --------------------------------------------- */

/* The hex BLAKE2b-256 of secret[0..n) into hex[65]. */
static void hash_secret(const char *secret, size_t n, char hex[65])
{
    unsigned char h[32];

    crypto_generichash(h, sizeof h, (const unsigned char *)secret, n, NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof h);
}

/* Whether `scope` names what a key of `role` must be bound to. */
static er_status check_scope(er_store *s, er_role role, const char *scope, er_error *err)
{
    er_supplier sup;
    er_installer in;

    if (role == ER_ROLE_SUPPLIER) {
        if (!event_supplier_code_ok(scope))
            return er_error_set(err, ER_EINVAL, 0, "scope",
                                "a supplier's key names its 3-letter code, not '%.40s'", scope);
        if (er_store_supplier_get(s, scope, &sup) != ER_OK)
            return er_error_set(err, ER_ENOTFOUND, 0, "scope", "no supplier %s", scope);
        return ER_OK;
    }
    if (role == ER_ROLE_INSTALLER) {
        if (!subject_key_ok(scope))
            return er_error_set(err, ER_EINVAL, 0, "scope", "an installer's key names its ID");
        return er_register_installer_get(s, scope, &in, err) == ER_OK
                   ? ER_OK
                   : er_error_set(err, ER_ENOTFOUND, 0, "scope", "no installer %s", scope);
    }
    if (*scope)
        return er_error_set(err, ER_EINVAL, 0, "scope",
                            "a key of role %s is not bound to a supplier or an installer",
                            er_role_name(role));
    return ER_OK;
}

static bool printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

static er_status check_create(er_store *s, er_role role, const char *scope, const char *owner,
                              er_error *err)
{
    if (role == ER_ROLE_PUBLIC || (unsigned)role >= ER_ROLE_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "role",
                            "a key is for an administrator, a supplier, a certification body "
                            "or an installer; the public needs none");
    if (!owner || !*owner || strlen(owner) >= ER_NAME_MAX || !printable(owner))
        return er_error_set(err, ER_EINVAL, 0, "owner",
                            "a key names its owner: 1 to %d printable characters", ER_NAME_MAX - 1);
    return check_scope(s, role, scope, err);
}

/* A fresh ID no key holds yet, into id[ER_APIKEY_ID_MAX]. */
static er_status fresh_id(er_store *s, char id[ER_APIKEY_ID_MAX], er_error *err)
{
    unsigned char b[ID_BYTES];
    er_apikey held;
    int tries;

    for (tries = 0; tries < 8; tries++) {
        randombytes_buf(b, sizeof b);
        sodium_bin2hex(id, ER_APIKEY_ID_MAX, b, sizeof b);
        if (er_register_apikey_get(s, id, &held, NULL) == ER_ENOTFOUND)
            return ER_OK;
    }
    return er_error_set(err, ER_EIO, 0, "id", "no unused key ID found");
}

er_status er_register_apikey_create(er_store *s, const er_act *act, er_role role, const char *scope,
                                    const char *owner, er_apikey *out,
                                    char token[ER_APIKEY_TOKEN_MAX], er_error *err)
{
    unsigned char secret[SECRET_BYTES];
    char text[sodium_base64_ENCODED_LEN(SECRET_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    er_event ev = { .payload = NULL };
    er_jsonw w = { 0 };
    er_status rc;

    memset(out, 0, sizeof *out);
    token[0] = '\0';
    scope = scope ? scope : "";
    if (sodium_init() < 0)
        return er_error_set(err, ER_EIO, 0, "", "libsodium cannot start");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = check_create(s, role, scope, owner, err)) || (rc = fresh_id(s, out->id, err)))
        goto done;
    randombytes_buf(secret, sizeof secret);
    sodium_bin2base64(text, sizeof text, secret, sizeof secret,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(secret, sizeof secret);
    out->role = role;
    event_text(out->scope, sizeof out->scope, scope);
    event_text(out->owner, sizeof out->owner, owner);
    event_text(out->created, sizeof out->created, act->at);
    hash_secret(text, strlen(text), out->hash);
    er_jsonw_lit(&w, "{\"role\":");
    er_jsonw_string(&w, er_role_name(role));
    er_jsonw_lit(&w, ",\"scope\":");
    er_jsonw_string(&w, scope);
    er_jsonw_lit(&w, ",\"owner\":");
    er_jsonw_string(&w, owner);
    er_jsonw_lit(&w, ",\"hash\":");
    er_jsonw_string(&w, out->hash);
    event_fill(&ev, act, "api_key", out->id, "created", "", "active", owner);
    if ((rc = subject_append(s, &ev, &w, err)) == ER_OK)
        rc = er_store_commit(s, err);
    if (rc == ER_OK)
        snprintf(token, ER_APIKEY_TOKEN_MAX, "er_%s_%s", out->id, text);
done:
    sodium_memzero(text, sizeof text);
    if (rc)
        er_store_rollback(s);
    er_jsonw_free(&w);
    return rc;
}

er_status er_register_apikey_revoke(er_store *s, const er_act *act, const char *id,
                                    const char *reason, er_error *err)
{
    er_event ev = { .payload = NULL };
    er_apikey k;
    er_status rc;

    if (!reason || !*reason)
        return er_error_set(err, ER_EINVAL, 0, "reason", "revoking a key needs a reason");
    if ((rc = er_store_begin(s, err)) != ER_OK)
        return rc;
    if ((rc = er_register_apikey_get(s, id, &k, err)) != ER_OK)
        goto done;
    if (k.revoked) {
        rc =
            er_error_set(err, ER_EINVAL, 0, "id", "API key %s was revoked at %s", id, k.revoked_at);
        goto done;
    }
    event_fill(&ev, act, "api_key", id, "revoked", "active", "revoked", reason);
    if ((rc = er_store_append(s, &ev, err)) == ER_OK)
        rc = er_store_commit(s, err);
done:
    if (rc)
        er_store_rollback(s);
    return rc;
}

/* ---- checking ------------------------------------------------------- */

er_status er_register_apikey_check(er_store *s, const char *token, er_apikey *out)
{
    char id[ER_APIKEY_ID_MAX], hash[65];
    const char *secret;
    size_t n = token ? strlen(token) : 0;

    if (n < 4 + ER_APIKEY_ID_MAX || n >= ER_APIKEY_TOKEN_MAX || strncmp(token, "er_", 3) != 0 ||
        token[3 + ER_APIKEY_ID_MAX - 1] != '_')
        return ER_ENOTFOUND;
    memcpy(id, token + 3, ER_APIKEY_ID_MAX - 1);
    id[ER_APIKEY_ID_MAX - 1] = '\0';
    if (strspn(id, "0123456789abcdef") != ER_APIKEY_ID_MAX - 1)
        return ER_ENOTFOUND;
    secret = token + 3 + ER_APIKEY_ID_MAX;
    if (er_register_apikey_get(s, id, out, NULL) != ER_OK)
        return ER_ENOTFOUND;
    hash_secret(secret, strlen(secret), hash);
    if (sodium_memcmp(hash, out->hash, 64) != 0 || out->revoked) {
        memset(out, 0, sizeof *out);
        return ER_ENOTFOUND;
    }
    return ER_OK;
}

void er_apikey_actor(const er_apikey *k, char actor[ER_EVENT_TEXT_MAX])
{
    snprintf(actor, ER_EVENT_TEXT_MAX, "api:%s %.40s", k->id, k->owner);
}
