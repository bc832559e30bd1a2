/* Empty placeholder: the system library is linked through the dependency. */
int atrium_mediasoup_flatbuffers_placeholder(void) { return 0; }
