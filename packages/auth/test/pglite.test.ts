// Every suite on the embedded default: a PGlite test database (createTestDatabase).
import { installSuite } from "./suites/install.ts";
import { sessionSuite } from "./suites/sessions.ts";
import { vaultSuite } from "./suites/vault.ts";

installSuite("pglite");
sessionSuite("pglite");
vaultSuite("pglite");
