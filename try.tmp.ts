import { failureSignature } from "@/lib/analysis/failure-signature";
for (const m of process.argv.slice(2)) console.log(JSON.stringify(failureSignature(m.replace(/\\n/g, "\n")).normalized));
