/** The analysis worker: live preview and the embedded NER model, off the main thread. */
import { expose } from 'comlink';
import { createAnalysisService } from './analysis-service';
import { createBrowserNer, NER_MODEL_URL } from './ner/browser-ner';

expose(createAnalysisService(async () => (await createBrowserNer(NER_MODEL_URL)).run));
