package example.app;

import io.github.embeddable4j.core.event.ReceivedWidgetEvent;
import io.github.embeddable4j.core.event.WidgetEventListener;

/** Stands for a class CGLIB generates around an application's listener: its frames are no one's code. */
final class CallHandlers$$SpringCGLIB$$0 implements WidgetEventListener {

    @Override
    public void onWidgetEvent(ReceivedWidgetEvent event) {
        CallHandlers.onRing();
    }
}
