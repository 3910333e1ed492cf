import { render } from 'preact';
import { App } from './App';
import { createTranslators, readStoredLanguage } from './i18n';

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing from index.html');

const translators = await createTranslators();
root.replaceChildren();
render(<App translators={translators} initialLanguage={readStoredLanguage(globalThis.localStorage)} />, root);
