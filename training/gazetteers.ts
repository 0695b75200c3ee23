/** The gazetteers live in src/core (the model uses them as a feature at run time). */
export * from '../src/core/pii/ner/gazetteer-data.ts';
