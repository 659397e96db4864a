/** The audit report as people read it: per provider, the schema, both links, the call sites, the verdict. */
import type { AuditReport, CallSite, LinkVerdict, ProviderReport, SchemaFacts } from './types.js';

function schemaLines(schema: SchemaFacts): string[] {
  switch (schema.status) {
    case 'missing':
      return [`  schema: not found${schema.searched.length > 0 ? ` (searched ${schema.searched.join(', ')})` : ''}`];
    case 'error':
      return [`  schema: ${schema.file}:${schema.line}:${schema.column} does not parse: ${schema.message}`];
    case 'ok': {
      const lines = [`  schema: ${schema.location}${schema.files.length > 1 ? ` (${schema.files.length} files)` : ''}`];
      if (schema.bookingModels.length === 0) lines.push('    no booking-like model');
      for (const model of schema.bookingModels) lines.push(`    model ${model.model} (${model.file}:${model.line})`);
      return lines;
    }
  }
}

function bookingColumnLines(schema: SchemaFacts): string[] {
  if (schema.status !== 'ok') return ['  booking -> payment column: (no schema)'];
  if (schema.bookingModels.length === 0) return ['  booking -> payment column: (no booking-like model)'];
  return schema.bookingModels.map((model) => {
    const own = model.providerIdColumns.map(
      (c) =>
        `${model.model}.${c.name} (${c.file}:${c.line}${c.unique ? '' : ', not @unique: a lookup by provider id can match two bookings'})`,
    );
    const via = model.viaPayment
      ? [
          `${model.viaPayment.model}.${model.viaPayment.providerIdColumn.name} (${model.viaPayment.providerIdColumn.file}:${model.viaPayment.providerIdColumn.line}${model.viaPayment.providerIdColumn.unique ? '' : ', not @unique'}) via ${model.viaPayment.model}.${model.viaPayment.foreignKey}`,
        ]
      : [];
    const all = [...own, ...via];
    return `  booking -> payment column: ${all.length > 0 ? all.join(', ') : `none on model ${model.model}`}`;
  });
}

function paymentKeyLine(report: AuditReport, provider: ProviderReport): string {
  const keys = [
    ...new Set(
      provider.callSites
        .filter((s) => s.carries.status === 'present' && s.carries.where)
        .map((s) => s.carries.where!),
    ),
  ];
  const via =
    report.schema.status === 'ok'
      ? report.schema.bookingModels.flatMap((m) => {
          const table = m.referencedBy ?? m.viaPayment;
          if (!table) return [];
          const key = table.foreignKey.includes('.') ? table.foreignKey : `${table.model}.${table.foreignKey}`;
          return [`${key} (${table.file}:${table.line})`];
        })
      : [];
  const all = [...keys.map((k) => `${provider.name} ${k}`), ...via];
  return `  payment -> booking key: ${all.length > 0 ? all.join(', ') : 'none seen'}`;
}

function mark(link: LinkVerdict): string {
  return link.status === 'present' ? 'present' : link.status === 'missing' ? 'MISSING' : 'unverified';
}

function carriesText(site: CallSite): string {
  switch (site.carries.status) {
    case 'present':
      return `carries ${site.carries.where ?? 'the booking id'}${site.carries.sessionOnly ? ' (Session only, not on the PaymentIntent)' : ''}`;
    case 'missing':
      return `carries NO booking id${site.carries.disabled ? ' (exempted by eslint-disable)' : ''}`;
    case 'unknown':
      return 'booking id not visible';
  }
}

function storesText(site: CallSite): string {
  switch (site.stores.status) {
    case 'stored':
      return `stores it${site.stores.where ? ` in ${site.stores.where}` : ''}`;
    case 'passed-on':
      return `passes the id on${site.stores.where ? ` (${site.stores.where})` : ''}`;
    case 'stored-elsewhere':
      return `stored elsewhere${site.stores.where ? ` (${site.stores.where})` : ''}`;
    case 'missing':
      return `NEVER stores the id${site.stores.where ? ` (${site.stores.where})` : ''}${site.stores.disabled ? ' (exempted by eslint-disable)' : ''}`;
    case 'unknown':
      return 'storage not visible';
  }
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

function providerLines(report: AuditReport, provider: ProviderReport): string[] {
  const lines = [`${provider.name} (${provider.packageName} in ${report.packageJson ?? 'package.json'})`];
  lines.push(...schemaLines(report.schema));
  lines.push(...bookingColumnLines(report.schema));
  lines.push(paymentKeyLine(report, provider));
  if (!provider.callsRecognised) {
    lines.push(`  payment creations: not recognised for ${provider.name}`);
  } else if (provider.callSites.length === 0) {
    lines.push('  payment creations: none found');
  } else {
    lines.push(`  payment creations (${provider.callSites.length}):`);
    lines.push(
      ...table(provider.callSites.map((s) => [`${s.file}:${s.line}`, s.label, carriesText(s), storesText(s)])).map(
        (row) => `    ${row}`,
      ),
    );
  }
  lines.push(`  booking -> payment: ${mark(provider.bookingToPayment)}: ${provider.bookingToPayment.detail}`);
  lines.push(`  payment -> booking: ${mark(provider.paymentToBooking)}: ${provider.paymentToBooking.detail}`);
  if (provider.linkLine) lines.push(`  ${provider.linkLine}`);
  if (provider.webhook) lines.push(`  ${provider.webhook}`);
  return lines;
}

/**
 * A string as one printable line: control characters (newlines, terminal escapes, C1 codes, line and
 * paragraph separators) are shown escaped, so that a file name cannot forge a report line or drive the
 * terminal.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    switch (ch) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default: {
        const code = ch.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
      }
    }
  });
}

/** Every string of a report made printable (the text format's input). */
function printableReport<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printableReport(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableReport(v)])) as T;
  }
  return value;
}

/** The verdict of a package report in a word, for the overall line. */
function packageVerdict(report: AuditReport): string {
  if (report.status === 'n/a') return 'N/A';
  return report.providers.map((p) => `${p.present} of 2 (${p.name})`).join(', ');
}

export function formatText(input: AuditReport): string {
  const report = printableReport(input);
  if (report.packages) {
    const lines = [`booking-payment audit: ${report.directory}`];
    if (report.notes.length > 0) lines.push(...report.notes.map((n) => `note: ${n}`));
    for (const pkg of report.packages) {
      lines.push('', `== ${pkg.packageDir ?? pkg.directory} ==`, ...bodyLines(pkg));
    }
    const failing = report.packages.filter((p) => p.status === 'fail').length;
    lines.push(
      '',
      `overall: ${report.packages.length - failing} of ${report.packages.length} package${report.packages.length === 1 ? '' : 's'} ` +
        `with both links (${report.packages.map((p) => `${p.packageDir ?? p.directory}: ${packageVerdict(p)}`).join('; ')})`,
    );
    return `${lines.join('\n')}\n`;
  }
  return `${[`booking-payment audit: ${report.directory}`, ...bodyLines(report)].join('\n')}\n`;
}

function bodyLines(report: AuditReport): string[] {
  const lines: string[] = [];
  if (report.status === 'n/a') {
    lines.push(`N/A: ${report.reason ?? 'no payment SDK in package.json'}`);
  } else {
    lines.push(`${report.filesLinted} JS/TS file${report.filesLinted === 1 ? '' : 's'} read`);
    for (const provider of report.providers) {
      lines.push('', ...providerLines(report, provider));
    }
  }
  if (report.notes.length > 0) lines.push('', ...report.notes.map((n) => `note: ${n}`));
  if (report.status !== 'n/a') {
    lines.push('', report.providers.map((p) => (report.providers.length > 1 ? `${p.name}: ${p.summary}` : p.summary)).join('\n'));
  }
  return lines;
}

export function formatJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
