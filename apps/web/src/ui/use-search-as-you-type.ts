import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A search field whose search lives in the URL: it searches once the user pauses (300 ms), and follows the URL
 * when back or forward changes it. The URL answering with the search this field sent is not such a change: the
 * user may have typed on meanwhile, and setting the field back would eat those letters.
 */
export function useSearchAsYouType(value: string, onSearch: (value: string) => void): { text: string; setText: (text: string) => void; submit: (text: string) => void } {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const submit = useCallback(
    (next: string) => {
      sent.current = next.trim();
      onSearch(next.trim());
    },
    [onSearch],
  );
  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setText(value);
  }, [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => submit(text), 300);
    return () => clearTimeout(timer);
  }, [text, value, submit]);
  return { text, setText, submit };
}
