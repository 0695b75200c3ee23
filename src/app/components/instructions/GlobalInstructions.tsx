import { useId } from 'react';
import { getGlobalInstructions, setGlobalInstructions } from '../../../db';
import { InstructionsForm } from './InstructionsForm';

/** The instruction every conversation carries (Policy and settings). */
export function GlobalInstructions() {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>Custom instructions</h2>
      <p>
        What every conversation should know or do, such as the tone you prefer or how to sign
        letters. A conversation can add its own from the chat&apos;s header.
      </p>
      <InstructionsForm
        label="Instructions for every conversation"
        load={getGlobalInstructions}
        save={setGlobalInstructions}
      />
    </section>
  );
}
