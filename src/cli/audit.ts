#!/usr/bin/env node
// The `booking-payment-audit` (and `eslint-plugin-booking-payment`) command. See ./main.ts.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
