/**
 * The state this extension gives an instance whose getStateInstance answered a `null` body:
 * GREEN-API's marker for an instance still being created, which "can take up to 5 minutes"
 * ("Creating and configuring an instance" in GREEN-API's recommendations). GREEN-API sends no
 * state name for it; this one is ours. The API layer makes it, the core and the views read
 * it, so it lives here, below both.
 */
export const BEING_CREATED = 'creating';
