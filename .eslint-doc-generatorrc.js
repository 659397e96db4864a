/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['prisma', '🔷'],
    ['prisma-strict', '🔶'],
  ],
  ruleDocSectionInclude: ['Examples', 'Options', 'When not to use it'],
  ruleDocTitleFormat: 'prefix-name',
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'requiresTypeChecking'],
};
