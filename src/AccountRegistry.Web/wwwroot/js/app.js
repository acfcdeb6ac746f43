// Small browser helpers called from Blazor (no inline script: the CSP forbids it).
window.registry = {
    print: () => window.print(),
    copyText: (text) => navigator.clipboard.writeText(text),
};
