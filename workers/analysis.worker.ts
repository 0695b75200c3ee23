/** The analysis worker: live preview, attached documents' detection and the embedded NER model, off the main thread. */
import { expose } from 'comlink';
import { createAnalysisService } from './analysis-service';
import { createDocumentAnalysis } from './document-analysis';
import { createNerService } from './ner-service';

const ner = createNerService(() => import('./ner/browser-ner').then((m) => m.createBrowserNer()));
expose({ ...createAnalysisService(ner), ...createDocumentAnalysis(ner) });
