// The one module that loads the Reflect metadata polyfill @peculiar/x509 (through tsyringe)
// needs; load-peculiar.ts evaluates it before @peculiar/x509.
import "reflect-metadata";
