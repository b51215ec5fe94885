/** The reason a field is wrong, right under it and announced to screen readers; nothing when it is fine. */
export function FieldError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}
